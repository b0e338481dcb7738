package org.gwreplay.gwf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structures this writer writes: their class numbers (those FrameL and FrameCPP assign, in
 * the specification's order) and their FrSE element lists (name and type), which a file carries
 * in FrSH/FrSE dictionary structures before the first instance of each class.
 */
final class Dictionary {

  static final int FR_SH = 1;
  static final int FR_SE = 2;
  static final int FRAME_H = 3;
  static final int FR_ADC_DATA = 4;
  static final int FR_DETECTOR = 5;
  static final int FR_END_OF_FILE = 6;
  static final int FR_END_OF_FRAME = 7;
  static final int FR_EVENT = 8;
  static final int FR_HISTORY = 9;
  static final int FR_MSG = 10;
  static final int FR_PROC_DATA = 11;
  static final int FR_RAW_DATA = 12;
  static final int FR_SER_DATA = 13;
  static final int FR_SIM_DATA = 14;
  static final int FR_SIM_EVENT = 15;
  static final int FR_STAT_DATA = 16;
  static final int FR_SUMMARY = 17;
  static final int FR_TABLE = 18;
  static final int FR_TOC = 19;
  static final int FR_VECT = 20;

  /** Class number to name, for files without a dictionary entry for a class. */
  static final Map<Integer, String> STANDARD_NAMES = Map.ofEntries(
      Map.entry(FRAME_H, "FrameH"), Map.entry(FR_ADC_DATA, "FrAdcData"), Map.entry(FR_DETECTOR, "FrDetector"),
      Map.entry(FR_END_OF_FILE, "FrEndOfFile"), Map.entry(FR_END_OF_FRAME, "FrEndOfFrame"), Map.entry(FR_EVENT, "FrEvent"),
      Map.entry(FR_HISTORY, "FrHistory"), Map.entry(FR_MSG, "FrMsg"), Map.entry(FR_PROC_DATA, "FrProcData"),
      Map.entry(FR_RAW_DATA, "FrRawData"), Map.entry(FR_SER_DATA, "FrSerData"), Map.entry(FR_SIM_DATA, "FrSimData"),
      Map.entry(FR_SIM_EVENT, "FrSimEvent"), Map.entry(FR_STAT_DATA, "FrStatData"), Map.entry(FR_SUMMARY, "FrSummary"),
      Map.entry(FR_TABLE, "FrTable"), Map.entry(FR_TOC, "FrTOC"), Map.entry(FR_VECT, "FrVect"));

  private static final String PTR = "PTR_STRUCT(%s *)";
  private static final Map<Integer, List<String[]>> ELEMENTS = new LinkedHashMap<>();

  private static String[] e(String name, String type) {
    return new String[] {name, type};
  }

  private static String[] p(String name, String target) {
    return e(name, String.format(PTR, target));
  }

  static {
    ELEMENTS.put(FRAME_H, List.of(e("name", "STRING"), e("run", "INT_4S"), e("frame", "INT_4U"),
        e("dataQuality", "INT_4U"), e("GTimeS", "INT_4U"), e("GTimeN", "INT_4U"), e("ULeapS", "INT_2U"),
        e("dt", "REAL_8"), p("type", "FrVect"), p("user", "FrVect"), p("detectSim", "FrDetector"),
        p("detectProc", "FrDetector"), p("history", "FrHistory"), p("rawData", "FrRawData"),
        p("procData", "FrProcData"), p("simData", "FrSimData"), p("event", "FrEvent"), p("simEvent", "FrSimEvent"),
        p("summaryData", "FrSummary"), p("auxData", "FrVect"), p("auxTable", "FrTable"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_DETECTOR, List.of(e("name", "STRING"), e("prefix", "CHAR[2]"), e("longitude", "REAL_8"),
        e("latitude", "REAL_8"), e("elevation", "REAL_4"), e("armXazimuth", "REAL_4"), e("armYazimuth", "REAL_4"),
        e("armXaltitude", "REAL_4"), e("armYaltitude", "REAL_4"), e("armXmidpoint", "REAL_4"),
        e("armYmidpoint", "REAL_4"), e("localTime", "INT_4S"), p("aux", "FrVect"), p("table", "FrTable"),
        p("next", "FrDetector"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_HISTORY, List.of(e("name", "STRING"), e("time", "INT_4U"), e("comment", "STRING"),
        p("next", "FrHistory"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_RAW_DATA, List.of(e("name", "STRING"), p("firstSer", "FrSerData"), p("firstAdc", "FrAdcData"),
        p("firstTable", "FrTable"), p("logMsg", "FrMsg"), p("more", "FrVect"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_ADC_DATA, List.of(e("name", "STRING"), e("comment", "STRING"), e("channelGroup", "INT_4U"),
        e("channelNumber", "INT_4U"), e("nBits", "INT_4U"), e("bias", "REAL_4"), e("slope", "REAL_4"),
        e("units", "STRING"), e("sampleRate", "REAL_8"), e("timeOffset", "REAL_8"), e("fShift", "REAL_8"),
        e("phase", "REAL_4"), e("dataValid", "INT_2U"), p("data", "FrVect"), p("aux", "FrVect"),
        p("next", "FrAdcData"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_SER_DATA, List.of(e("name", "STRING"), e("timeSec", "INT_4U"), e("timeNsec", "INT_4U"),
        e("sampleRate", "REAL_8"), e("data", "STRING"), p("serial", "FrVect"), p("table", "FrTable"),
        p("next", "FrSerData"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_PROC_DATA, List.of(e("name", "STRING"), e("comment", "STRING"), e("type", "INT_2U"),
        e("subType", "INT_2U"), e("timeOffset", "REAL_8"), e("tRange", "REAL_8"), e("fShift", "REAL_8"),
        e("phase", "REAL_4"), e("fRange", "REAL_8"), e("BW", "REAL_8"), e("nAuxParam", "INT_2U"),
        e("auxParam", "REAL_8[nAuxParam]"), e("auxParamNames", "STRING[nAuxParam]"), p("data", "FrVect"),
        p("aux", "FrVect"), p("table", "FrTable"), p("history", "FrHistory"), p("next", "FrProcData"),
        e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_SIM_DATA, List.of(e("name", "STRING"), e("comment", "STRING"), e("sampleRate", "REAL_8"),
        e("timeOffset", "REAL_8"), e("fShift", "REAL_8"), e("phase", "REAL_4"), p("data", "FrVect"),
        p("input", "FrVect"), p("table", "FrTable"), p("next", "FrSimData"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_EVENT, List.of(e("name", "STRING"), e("comment", "STRING"), e("inputs", "STRING"),
        e("GTimeS", "INT_4U"), e("GTimeN", "INT_4U"), e("timeBefore", "REAL_4"), e("timeAfter", "REAL_4"),
        e("eventStatus", "INT_4U"), e("amplitude", "REAL_4"), e("probability", "REAL_4"), e("statistics", "STRING"),
        e("nParam", "INT_2U"), e("parameters", "REAL_8[nParam]"), e("parameterNames", "STRING[nParam]"),
        p("data", "FrVect"), p("table", "FrTable"), p("next", "FrEvent"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_SIM_EVENT, List.of(e("name", "STRING"), e("comment", "STRING"), e("inputs", "STRING"),
        e("GTimeS", "INT_4U"), e("GTimeN", "INT_4U"), e("timeBefore", "REAL_4"), e("timeAfter", "REAL_4"),
        e("amplitude", "REAL_4"), e("nParam", "INT_2U"), e("parameters", "REAL_8[nParam]"),
        e("parameterNames", "STRING[nParam]"), p("data", "FrVect"), p("table", "FrTable"), p("next", "FrSimEvent"),
        e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_VECT, List.of(e("name", "STRING"), e("compress", "INT_2U"), e("type", "INT_2U"),
        e("nData", "INT_8U"), e("nBytes", "INT_8U"), e("data", "CHAR[nBytes]"), e("nDim", "INT_4U"),
        e("nx", "INT_8U[nDim]"), e("dx", "REAL_8[nDim]"), e("startX", "REAL_8[nDim]"), e("unitX", "STRING[nDim]"),
        e("unitY", "STRING"), p("next", "FrVect"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_END_OF_FRAME, List.of(e("run", "INT_4S"), e("frame", "INT_4U"), e("GTimeS", "INT_4U"),
        e("GTimeN", "INT_4U"), e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_TOC, List.of(e("ULeapS", "INT_2S"), e("nFrame", "INT_4U"), e("dataQuality", "INT_4U[nFrame]"),
        e("GTimeS", "INT_4U[nFrame]"), e("GTimeN", "INT_4U[nFrame]"), e("dt", "REAL_8[nFrame]"),
        e("runs", "INT_4S[nFrame]"), e("frame", "INT_4U[nFrame]"), e("positionH", "INT_8U[nFrame]"),
        e("nFirstADC", "INT_8U[nFrame]"), e("nFirstSer", "INT_8U[nFrame]"), e("nFirstTable", "INT_8U[nFrame]"),
        e("nFirstMsg", "INT_8U[nFrame]"), e("nSH", "INT_4U"), e("SHid", "INT_2U[nSH]"), e("SHname", "STRING[nSH]"),
        e("nDetector", "INT_4U"), e("nameDetector", "STRING[nDetector]"), e("positionDetector", "INT_8U[nDetector]"),
        e("nStatType", "INT_4U"), e("nameStat", "STRING[nStatType]"), e("detector", "STRING[nStatType]"),
        e("nStatInstance", "INT_4U[nStatType]"), e("nTotalStat", "INT_4U"), e("tStart", "INT_4U[nTotalStat]"),
        e("tEnd", "INT_4U[nTotalStat]"), e("version", "INT_4U[nTotalStat]"), e("positionStat", "INT_8U[nTotalStat]"),
        e("nADC", "INT_4U"), e("name", "STRING[nADC]"), e("channelID", "INT_4U[nADC]"), e("groupID", "INT_4U[nADC]"),
        e("positionADC", "INT_8U[nADC][nFrame]"), e("nProc", "INT_4U"), e("nameProc", "STRING[nProc]"),
        e("positionProc", "INT_8U[nProc][nFrame]"), e("nSim", "INT_4U"), e("nameSim", "STRING[nSim]"),
        e("positionSim", "INT_8U[nSim][nFrame]"), e("nSer", "INT_4U"), e("nameSer", "STRING[nSer]"),
        e("positionSer", "INT_8U[nSer][nFrame]"), e("nSummary", "INT_4U"), e("nameSum", "STRING[nSummary]"),
        e("positionSum", "INT_8U[nSummary][nFrame]"), e("nEventType", "INT_4U"), e("nameEvent", "STRING[nEventType]"),
        e("nEvent", "INT_4U[nEventType]"), e("nTotalEvent", "INT_4U"), e("GTimeSEvent", "INT_4U[nTotalEvent]"),
        e("GTimeNEvent", "INT_4U[nTotalEvent]"), e("amplitudeEvent", "REAL_4[nTotalEvent]"),
        e("positionEvent", "INT_8U[nTotalEvent]"), e("nSimEventType", "INT_4U"),
        e("nameSimEvent", "STRING[nSimEventType]"), e("nSimEvent", "INT_4U[nSimEventType]"),
        e("nTotalSEvent", "INT_4U"), e("GTimeSSim", "INT_4U[nTotalSEvent]"), e("GTimeNSim", "INT_4U[nTotalSEvent]"),
        e("amplitudeSimEvent", "REAL_4[nTotalSEvent]"), e("positionSimEvent", "INT_8U[nTotalSEvent]"),
        e("chkSum", "INT_4U")));
    ELEMENTS.put(FR_END_OF_FILE, List.of(e("nFrames", "INT_4U"), e("nBytes", "INT_8U"), e("seekTOC", "INT_8U"),
        e("chkSumFrHeader", "INT_4U"), e("chkSum", "INT_4U"), e("chkSumFile", "INT_4U")));
  }

  private Dictionary() {}

  static String name(int cls) {
    return STANDARD_NAMES.get(cls);
  }

  /** The FrSE elements of a class: pairs of name and type. */
  static List<String[]> elements(int cls) {
    List<String[]> e = ELEMENTS.get(cls);
    if (e == null) {
      throw new IllegalArgumentException("no dictionary for class " + cls);
    }
    return e;
  }
}
