package org.gwreplay.llhoft;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.gwf.Vect;
import org.gwreplay.gwf.VectType;
import org.gwreplay.time.Segment;
import org.gwreplay.time.SegmentList;

/**
 * Makes a detector's state and DQ vectors from lists of time, the practice of pycbc-live-utils'
 * add_state_dq_vectors for frames made without them: observing inside the science segments
 * (and outside the not-observing spans), not observing elsewhere, a hardware-injection bit
 * cleared during injections. Written as 16 Hz unsigned 32-bit FrProcData time series, as the
 * real H1/L1 llhoft streams carry them.
 *
 * @param science observing time; null when every second is science time
 * @param notObserving spans with data but not observing (the demo's non-science time)
 * @param injections spans of a hardware injection
 * @param styles DQ styles by detector, overriding each detector's usual one
 * @param injectionBit the state bit cleared during injections (NO_CBC_HW_INJ for a CBC one)
 */
public record StateVectors(SegmentList science, List<Segment> notObserving, List<Segment> injections,
    Map<String, DqStyle> styles, LlhoftBit injectionBit) implements Serializable {

  public StateVectors {
    notObserving = List.copyOf(notObserving);
    injections = List.copyOf(injections);
    styles = Map.copyOf(styles);
  }

  /** Vectors from a science segment list alone. */
  public static StateVectors fromScience(SegmentList science, Map<String, DqStyle> styles) {
    return new StateVectors(science, List.of(), List.of(), styles, LlhoftBit.NO_CBC_HW_INJ);
  }

  /** The detector's channel set, with the DQ style asked for. */
  public ChannelSet channels(String detector) {
    ChannelSet c = ChannelSet.of(detector);
    DqStyle s = styles.get(detector);
    return s == null ? c : c.withDqStyle(s);
  }

  /** Whether GPS second {@code gps} is observing time. */
  public boolean observing(long gps) {
    boolean sci = science == null || science.segments().stream().anyMatch(s -> s.contains(gps));
    return sci && notObserving.stream().noneMatch(s -> s.contains(gps));
  }

  /** State vector, then the DQ vector if the detector has one, for [start, start + seconds). */
  public List<ProcData> vectors(String detector, long start, long seconds) {
    ChannelSet c = channels(detector);
    int n = Math.toIntExact(seconds * ChannelSet.VECTOR_RATE);
    int[] state = new int[n];
    int[] dq = new int[n];
    for (int i = 0; i < n; i++) {
      long gps = start + i / ChannelSet.VECTOR_RATE;
      boolean obs = observing(gps);
      state[i] = c.state(obs);
      if (injections.stream().anyMatch(s -> s.contains(gps))) {
        state[i] &= ~injectionBit.mask();
      }
      dq[i] = c.dqValue(obs);
    }
    List<ProcData> out = new ArrayList<>();
    out.add(vector(c.state(), state));
    c.dq().ifPresent(name -> out.add(vector(name, dq)));
    return out;
  }

  /** The vectors of time with no data: not observing, no h(t), DQ bad. */
  public List<ProcData> noData(String detector, long seconds) {
    ChannelSet c = channels(detector);
    int n = Math.toIntExact(seconds * ChannelSet.VECTOR_RATE);
    List<ProcData> out = new ArrayList<>();
    out.add(vector(c.state(), filled(n, c.noDataState())));
    c.dq().ifPresent(name -> out.add(vector(name, filled(n, c.dqValue(false)))));
    return out;
  }

  /**
   * The frame with the detector's state and DQ vectors added where it has none of its own; a
   * frame that carries them already is returned as it is (a lake's vectors pass untouched).
   */
  public Frame addTo(Frame frame, String detector) {
    ChannelSet c = channels(detector);
    long start = frame.start().seconds();
    long seconds = Math.round(frame.duration());
    Frame.Builder b = frame.toBuilder();
    boolean added = false;
    for (ProcData v : vectors(detector, start, seconds)) {
      if (frame.channels().stream().noneMatch(ch -> ch.name().equals(v.name()))) {
        b.addProcData(v);
        added = true;
      }
    }
    return added ? b.build() : frame;
  }

  private static int[] filled(int n, int value) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, value);
    return a;
  }

  /** A 16 Hz FR_VECT_4U time series starting with its frame. */
  public static ProcData vector(String name, int[] values) {
    ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
    b.asIntBuffer().put(values);
    double dx = 1.0 / ChannelSet.VECTOR_RATE;
    Vect v = new Vect(name, VectType.INT_4U, values.length, b.array(),
        List.of(new Vect.Dimension(values.length, dx, 0, "s")), "");
    return new ProcData(name, "", ProcData.TIME_SERIES, 0, 0, values.length * dx, 0, 0f, ChannelSet.VECTOR_RATE / 2.0,
        0, List.of(), List.of(), List.of(v), List.of(), List.of());
  }
}
