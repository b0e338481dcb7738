package org.gwreplay.gwf;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.gwreplay.time.GpsTime;

/**
 * One frame (FrameH) with everything it owns: detectors, history, channels (ADC, processed,
 * simulated, serial), events and simulated events. Immutable; built with {@link #builder}.
 *
 * <p>Not carried: FrMsg, FrStatData, FrSummary and FrTable structures (logs, static data,
 * summaries, tables), which the replay has no use for.
 */
public final class Frame {

  private final String name;
  private final int run;
  private final long frameNumber;
  private final long dataQuality;
  private final GpsTime start;
  private final double duration;
  private final int leapSeconds;
  private final List<Detector> detectSim;
  private final List<Detector> detectProc;
  private final List<History> history;
  private final String rawDataName;
  private final List<AdcData> adcData;
  private final List<SerData> serData;
  private final List<ProcData> procData;
  private final List<SimData> simData;
  private final List<Event> events;
  private final List<Event> simEvents;
  private final List<Vect> type;
  private final List<Vect> user;
  private final List<Vect> auxData;

  private Frame(Builder b) {
    this.name = b.name;
    this.run = b.run;
    this.frameNumber = b.frameNumber;
    this.dataQuality = b.dataQuality;
    this.start = b.start;
    this.duration = b.duration;
    this.leapSeconds = b.leapSeconds;
    this.detectSim = List.copyOf(b.detectSim);
    this.detectProc = List.copyOf(b.detectProc);
    this.history = List.copyOf(b.history);
    this.rawDataName = b.rawDataName;
    this.adcData = List.copyOf(b.adcData);
    this.serData = List.copyOf(b.serData);
    this.procData = List.copyOf(b.procData);
    this.simData = List.copyOf(b.simData);
    this.events = List.copyOf(b.events);
    this.simEvents = List.copyOf(b.simEvents);
    this.type = List.copyOf(b.type);
    this.user = List.copyOf(b.user);
    this.auxData = List.copyOf(b.auxData);
  }

  public static Builder builder(String name, GpsTime start, double durationSeconds) {
    return new Builder(name, start, durationSeconds);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name, start, duration);
    b.run = run;
    b.frameNumber = frameNumber;
    b.dataQuality = dataQuality;
    b.leapSeconds = leapSeconds;
    b.detectSim.addAll(detectSim);
    b.detectProc.addAll(detectProc);
    b.history.addAll(history);
    b.rawDataName = rawDataName;
    b.adcData.addAll(adcData);
    b.serData.addAll(serData);
    b.procData.addAll(procData);
    b.simData.addAll(simData);
    b.events.addAll(events);
    b.simEvents.addAll(simEvents);
    b.type.addAll(type);
    b.user.addAll(user);
    b.auxData.addAll(auxData);
    return b;
  }

  public String name() {
    return name;
  }

  public int run() {
    return run;
  }

  public long frameNumber() {
    return frameNumber;
  }

  public long dataQuality() {
    return dataQuality;
  }

  public GpsTime start() {
    return start;
  }

  /** Length in seconds (FrameH dt). */
  public double duration() {
    return duration;
  }

  /** GPS time of the frame's end, to the nanosecond. */
  public GpsTime end() {
    return start.plusNanos(Math.round(duration * 1e9));
  }

  /** ULeapS: TAI - UTC at the frame, in seconds. */
  public int leapSeconds() {
    return leapSeconds;
  }

  public List<Detector> detectSim() {
    return detectSim;
  }

  public List<Detector> detectProc() {
    return detectProc;
  }

  public List<History> history() {
    return history;
  }

  /** Name of the FrRawData holding the ADC and serial channels ("" when there is none). */
  public String rawDataName() {
    return rawDataName;
  }

  public List<AdcData> adcData() {
    return adcData;
  }

  public List<SerData> serData() {
    return serData;
  }

  public List<ProcData> procData() {
    return procData;
  }

  public List<SimData> simData() {
    return simData;
  }

  public List<Event> events() {
    return events;
  }

  public List<Event> simEvents() {
    return simEvents;
  }

  public List<Vect> type() {
    return type;
  }

  public List<Vect> user() {
    return user;
  }

  public List<Vect> auxData() {
    return auxData;
  }

  /** Every ADC, processed and simulated channel, in that order. */
  public List<Channel> channels() {
    List<Channel> all = new ArrayList<>(adcData);
    all.addAll(procData);
    all.addAll(simData);
    return all;
  }

  /** The same frame with every GPS time in it moved by whole {@code seconds}. */
  public Frame shift(long seconds) {
    Builder b = toBuilder();
    b.start = start.plusSeconds(seconds);
    // ULeapS is TAI-UTC at the frame's own time, which moves with it.
    b.leapSeconds = 19 + org.gwreplay.time.LeapSeconds.defaultTable().offsetAt(b.start.toInstant());
    b.events.replaceAll(e -> e.shifted(seconds));
    b.simEvents.replaceAll(e -> e.shifted(seconds));
    b.serData.replaceAll(s -> new SerData(s.name(), s.timeSec() + seconds, s.timeNsec(), s.sampleRate(), s.data(), s.serial()));
    return b.build();
  }

  /**
   * Keeps the channels whose (old) name passes {@code keep}, renamed by {@code rename}; a data
   * vector named like its channel is renamed with it.
   */
  public Frame withChannels(Predicate<String> keep, UnaryOperator<String> rename) {
    Builder b = toBuilder();
    b.adcData.clear();
    b.procData.clear();
    b.simData.clear();
    for (Channel c : channels()) {
      if (!keep.test(c.name())) {
        continue;
      }
      String to = rename.apply(c.name());
      List<Vect> vs = new ArrayList<>(c.vectors());
      vs.replaceAll(v -> v.name().equals(c.name()) ? v.withName(to) : v);
      Channel renamed = c.with(to, vs);
      if (renamed instanceof AdcData a) {
        b.adcData.add(a);
      } else if (renamed instanceof ProcData p) {
        b.procData.add(p);
      } else {
        b.simData.add((SimData) renamed);
      }
    }
    b.serData.removeIf(s -> !keep.test(s.name()));
    b.serData.replaceAll(s -> new SerData(rename.apply(s.name()), s.timeSec(), s.timeNsec(), s.sampleRate(), s.data(), s.serial()));
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Frame f && f.name.equals(name) && f.run == run && f.frameNumber == frameNumber
        && f.dataQuality == dataQuality && f.start.equals(start) && Double.compare(f.duration, duration) == 0
        && f.leapSeconds == leapSeconds && f.detectSim.equals(detectSim) && f.detectProc.equals(detectProc)
        && f.history.equals(history) && f.rawDataName.equals(rawDataName) && f.adcData.equals(adcData)
        && f.serData.equals(serData) && f.procData.equals(procData) && f.simData.equals(simData)
        && f.events.equals(events) && f.simEvents.equals(simEvents) && f.type.equals(type) && f.user.equals(user)
        && f.auxData.equals(auxData);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name, start, duration, procData, adcData);
  }

  @Override
  public String toString() {
    return "Frame[" + name + " GPS " + start + " +" + duration + " s, " + channels().size() + " channels]";
  }

  /** Builds a {@link Frame}; lists keep the order channels are added in. */
  public static final class Builder {
    private final String name;
    private GpsTime start;
    private final double duration;
    private int run;
    private long frameNumber;
    private long dataQuality;
    private int leapSeconds;
    private final List<Detector> detectSim = new ArrayList<>();
    private final List<Detector> detectProc = new ArrayList<>();
    private final List<History> history = new ArrayList<>();
    private String rawDataName = "";
    private final List<AdcData> adcData = new ArrayList<>();
    private final List<SerData> serData = new ArrayList<>();
    private final List<ProcData> procData = new ArrayList<>();
    private final List<SimData> simData = new ArrayList<>();
    private final List<Event> events = new ArrayList<>();
    private final List<Event> simEvents = new ArrayList<>();
    private final List<Vect> type = new ArrayList<>();
    private final List<Vect> user = new ArrayList<>();
    private final List<Vect> auxData = new ArrayList<>();

    private Builder(String name, GpsTime start, double duration) {
      this.name = Objects.requireNonNull(name);
      this.start = Objects.requireNonNull(start);
      if (!(duration > 0)) {
        throw new IllegalArgumentException("frame duration must be positive: " + duration);
      }
      this.duration = duration;
      this.leapSeconds = 19 + org.gwreplay.time.LeapSeconds.defaultTable().offsetAt(start.toInstant());
    }

    public Builder run(int value) {
      run = value;
      return this;
    }

    public Builder frameNumber(long value) {
      frameNumber = value;
      return this;
    }

    public Builder dataQuality(long value) {
      dataQuality = value;
      return this;
    }

    public Builder leapSeconds(int value) {
      leapSeconds = value;
      return this;
    }

    public Builder addDetectSim(Detector d) {
      detectSim.add(d);
      return this;
    }

    public Builder addDetector(Detector d) {
      detectProc.add(d);
      return this;
    }

    public Builder addHistory(History h) {
      history.add(h);
      return this;
    }

    public Builder rawDataName(String value) {
      rawDataName = value;
      return this;
    }

    public Builder addAdcData(AdcData a) {
      adcData.add(a);
      return this;
    }

    public Builder addSerData(SerData s) {
      serData.add(s);
      return this;
    }

    public Builder addProcData(ProcData p) {
      procData.add(p);
      return this;
    }

    public Builder addSimData(SimData s) {
      simData.add(s);
      return this;
    }

    public Builder addEvent(Event e) {
      (e.simulated() ? simEvents : events).add(e);
      return this;
    }

    public Builder addType(Vect v) {
      type.add(v);
      return this;
    }

    public Builder addUser(Vect v) {
      user.add(v);
      return this;
    }

    public Builder addAuxData(Vect v) {
      auxData.add(v);
      return this;
    }

    public Frame build() {
      return new Frame(this);
    }
  }
}
