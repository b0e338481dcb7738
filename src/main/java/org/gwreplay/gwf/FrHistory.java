package org.gwreplay.gwf;

import java.nio.ByteOrder;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Linked;

/** FrHistory: one line of a frame's or a channel's history ({@link History}). */
final class FrHistory {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_HISTORY).e("name", "STRING").e("time", "INT_4U")
      .e("comment", "STRING").p("next", "FrHistory").chkSum();

  private FrHistory() {}

  static FrameOutput write(ByteOrder order, History h, Pointer next) {
    return new FrameOutput(order, LAYOUT).string(h.name()).i32(h.time()).string(h.comment()).pointer(next);
  }

  static Linked<History> read(FrameInput in) throws GwfFormatException {
    return new Linked<>(new History(in.string(), in.u32(), in.string()), in.pointer());
  }
}
