package org.gwreplay.replay;

import java.util.Collection;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.NonMergingWindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.transforms.windowing.WindowMappingFn;
import org.apache.beam.sdk.values.KV;
import org.gwreplay.time.GpsTime;

/**
 * Puts each frame in the window of its own GPS span, converted to UTC with the leap-second table.
 * Like {@code FixedWindows(frame duration)}, but aligned to GPS rather than to the Unix epoch, and
 * right across a leap second, where a fixed UTC grid would drift by one second from the frames.
 */
final class FrameWindows extends NonMergingWindowFn<KV<String, ReplayFrame>, IntervalWindow> {

  @Override
  public Collection<IntervalWindow> assignWindows(AssignContext c) {
    ReplayFrame f = c.element().getValue();
    org.joda.time.Instant start = FrameReader.toBeam(GpsTime.ofSeconds(f.dataStart()));
    org.joda.time.Instant end = FrameReader.toBeam(GpsTime.ofSeconds(f.dataEnd()));
    if (!end.isAfter(start)) {
      // A 1-s frame holding only a leap second has no UTC length; give it the smallest one.
      end = start.plus(1);
    }
    return List.of(new IntervalWindow(start, end));
  }

  @Override
  public boolean isCompatible(WindowFn<?, ?> other) {
    return other instanceof FrameWindows;
  }

  @Override
  public Coder<IntervalWindow> windowCoder() {
    return IntervalWindow.getCoder();
  }

  @Override
  public WindowMappingFn<IntervalWindow> getDefaultWindowMappingFn() {
    throw new UnsupportedOperationException("frame windows do not serve side inputs");
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FrameWindows;
  }

  @Override
  public int hashCode() {
    return FrameWindows.class.hashCode();
  }
}
