package org.gwreplay.llhoft;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gwreplay.gwf.AdcData;
import org.gwreplay.gwf.Channel;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.ProcData;
import org.gwreplay.gwf.SimData;
import org.gwreplay.gwf.Vect;
import org.gwreplay.gwf.VectType;
import org.gwreplay.time.GpsTime;

/**
 * Frames for time with no data in the source, flagged as live h(t) is while the detector is off
 * ({@code --off-time=flag}): the channels of the last real frame (or, before any, the detector's
 * llhoft set) with zero samples, and the state and DQ vectors of time with no data. Zeros rather
 * than noise: nothing was measured, and a consumer that ignores the state vector sees an
 * obviously dead stream rather than plausible data.
 */
public final class OffFrames {

  private OffFrames() {}

  /**
   * @param template the last frame made from source data, or null when there has been none
   */
  public static Frame of(Frame template, StateVectors vectors, String detector, long start, long seconds) {
    ChannelSet set = vectors.channels(detector);
    Map<String, ProcData> flags = new LinkedHashMap<>();
    vectors.noData(detector, seconds).forEach(v -> flags.put(v.name(), v));
    Frame.Builder b;
    if (template == null) {
      b = Frame.builder(Sites.frameName(detector), GpsTime.ofSeconds(start), seconds)
          .addProcData(ProcData.timeSeries(set.strain(), ChannelSet.STRAIN_RATE,
              new double[Math.toIntExact(seconds * ChannelSet.STRAIN_RATE)]));
      Sites.detector(detector).ifPresent(b::addDetector);
    } else {
      b = Frame.builder(template.name(), GpsTime.ofSeconds(start), seconds).run(template.run());
      template.detectProc().forEach(b::addDetector);
      for (Channel c : template.channels()) {
        Channel made = flags.containsKey(c.name()) ? flags.remove(c.name()) : zeroed(c, seconds);
        if (made instanceof AdcData a) {
          b.addAdcData(a);
        } else if (made instanceof ProcData p) {
          b.addProcData(p);
        } else if (made instanceof SimData sim) {
          b.addSimData(sim);
        }
      }
    }
    // A template without state or DQ vectors still gets them: the flag is the point.
    flags.values().forEach(b::addProcData);
    return b.build();
  }

  /** The channel with zero samples for {@code seconds}; null for a channel that is not a time series. */
  private static Channel zeroed(Channel c, long seconds) {
    Vect v = c.data();
    if (v.dims().size() != 1 || v.type() == VectType.STRING || v.dx() <= 0
        || (c instanceof ProcData p && p.type() != ProcData.TIME_SERIES)) {
      return null;
    }
    long n = Math.round(seconds / v.dx());
    Vect.Dimension d = v.dims().get(0);
    Vect zeros = new Vect(v.name(), v.type(), n, new byte[Math.toIntExact(n * v.type().size())],
        List.of(new Vect.Dimension(n, d.dx(), d.startX(), d.unitX())), v.unitY());
    return c.with(c.name(), List.of(zeros));
  }
}
