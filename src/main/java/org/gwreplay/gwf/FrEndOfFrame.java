package org.gwreplay.gwf;

import java.nio.ByteOrder;

/** FrEndOfFrame: closes a frame, repeating its run, number and start. */
final class FrEndOfFrame {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_END_OF_FRAME).e("run", "INT_4S")
      .e("frame", "INT_4U").e("GTimeS", "INT_4U").e("GTimeN", "INT_4U").chkSum();

  private FrEndOfFrame() {}

  static FrameOutput write(ByteOrder order, Frame f) {
    return new FrameOutput(order, LAYOUT).i32(f.run()).i32(f.frameNumber()).i32(f.start().seconds())
        .i32(f.start().nanos());
  }
}
