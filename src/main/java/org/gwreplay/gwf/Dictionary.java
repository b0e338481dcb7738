package org.gwreplay.gwf;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dictionary (FrSH and FrSE) and the structures of the format: their class numbers (those FrameL and FrameCPP assign, in the
 * specification's order) and standard names. The element lists a file describes in FrSH/FrSE
 * dictionary structures before the first instance of each class are each structure's {@link
 * Layout}, declared by its class ({@link FrameH}, {@link FrVect}, ...).
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
  static final Map<Integer, String> STANDARD_NAMES = Map.ofEntries(Map.entry(FR_SH, "FrSH"), Map.entry(FR_SE, "FrSE"),
      Map.entry(FRAME_H, "FrameH"), Map.entry(FR_ADC_DATA, "FrAdcData"), Map.entry(FR_DETECTOR, "FrDetector"),
      Map.entry(FR_END_OF_FILE, "FrEndOfFile"), Map.entry(FR_END_OF_FRAME, "FrEndOfFrame"), Map.entry(FR_EVENT, "FrEvent"),
      Map.entry(FR_HISTORY, "FrHistory"), Map.entry(FR_MSG, "FrMsg"), Map.entry(FR_PROC_DATA, "FrProcData"),
      Map.entry(FR_RAW_DATA, "FrRawData"), Map.entry(FR_SER_DATA, "FrSerData"), Map.entry(FR_SIM_DATA, "FrSimData"),
      Map.entry(FR_SIM_EVENT, "FrSimEvent"), Map.entry(FR_STAT_DATA, "FrStatData"), Map.entry(FR_SUMMARY, "FrSummary"),
      Map.entry(FR_TABLE, "FrTable"), Map.entry(FR_TOC, "FrTOC"), Map.entry(FR_VECT, "FrVect"));

  /** FrSH: a class's name and number, before the FrSE entries of its elements. */
  static final Layout SH = Layout.of(FR_SH).e("name", "STRING").e("class", "INT_2U").e("comment", "STRING").chkSum();
  /** FrSE: one element's name and type. */
  static final Layout SE = Layout.of(FR_SE).e("name", "STRING").e("type", "STRING").e("comment", "STRING").chkSum();

  private Dictionary() {}

  static FrameOutput sh(ByteOrder order, Layout described) {
    return new FrameOutput(order, SH).string(described.name).u16(described.cls).string("");
  }

  static FrameOutput se(ByteOrder order, Layout.Element e) {
    return new FrameOutput(order, SE).string(e.name()).string(e.type()).string("");
  }

  /** A layout's FrSE structures, numbered from 0, as written after its FrSH: the same bytes in every file. */
  static byte[] elements(ByteOrder order, Layout layout) {
    return (order == ByteOrder.LITTLE_ENDIAN ? ELEMENTS_LE : ELEMENTS_BE).computeIfAbsent(layout, l -> {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      int i = 0;
      for (Layout.Element e : l.elements()) {
        FrameOutput se = se(order, e);
        se.seal(FR_SE, i++);
        try {
          se.sendTo(all, new Crc());
        } catch (IOException impossible) {
          throw new UncheckedIOException(impossible); // a byte array does not fail
        }
      }
      return all.toByteArray();
    });
  }

  private static final Map<Layout, byte[]> ELEMENTS_LE = new ConcurrentHashMap<>();
  private static final Map<Layout, byte[]> ELEMENTS_BE = new ConcurrentHashMap<>();

  static String name(int cls) {
    return STANDARD_NAMES.get(cls);
  }
}
