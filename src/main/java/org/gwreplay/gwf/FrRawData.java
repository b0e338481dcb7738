package org.gwreplay.gwf;

import java.nio.ByteOrder;
import org.gwreplay.gwf.FrameInput.Pointer;

/** FrRawData: a frame's raw data, its name and the first of its ADC and serial channels. */
record FrRawData(String name, Pointer firstSer, Pointer firstAdc) {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_RAW_DATA).e("name", "STRING")
      .p("firstSer", "FrSerData").p("firstAdc", "FrAdcData").p("firstTable", "FrTable").p("logMsg", "FrMsg")
      .p("more", "FrVect").chkSum();

  FrameOutput write(ByteOrder order) {
    return new FrameOutput(order, LAYOUT).string(name).pointer(firstSer).pointer(firstAdc)
        .pointer(Pointer.NONE).pointer(Pointer.NONE).pointer(Pointer.NONE); // firstTable, logMsg, more
  }

  /** Reads what a frame uses of its raw data (the rest points to no structure this reader keeps). */
  static FrRawData read(FrameInput in) throws GwfFormatException {
    return new FrRawData(in.string(), in.pointer(), in.pointer());
  }
}
