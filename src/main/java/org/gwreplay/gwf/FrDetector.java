package org.gwreplay.gwf;

import java.nio.ByteOrder;
import org.gwreplay.gwf.FrameInput.Pointer;
import org.gwreplay.gwf.GwfReader.Format;
import org.gwreplay.gwf.GwfReader.Linked;
import org.gwreplay.gwf.GwfReader.Unresolved;

/** FrDetector: where a detector is and how its arms lie ({@link Detector}). */
final class FrDetector {

  static final Layout LAYOUT = Layout.of(Dictionary.FR_DETECTOR).e("name", "STRING")
      .e("prefix", "CHAR[2]").e("longitude", "REAL_8").e("latitude", "REAL_8").e("elevation", "REAL_4")
      .e("armXazimuth", "REAL_4").e("armYazimuth", "REAL_4").e("armXaltitude", "REAL_4").e("armYaltitude", "REAL_4")
      .e("armXmidpoint", "REAL_4").e("armYmidpoint", "REAL_4").e("localTime", "INT_4S").p("aux", "FrVect")
      .p("table", "FrTable").p("next", "FrDetector").chkSum();

  /** FrameL's value of pi, which its conversions of version 4 angles use. */
  private static final double FR_PI = 3.14159265358979;

  private FrDetector() {}

  static FrameOutput write(ByteOrder order, Detector d, Pointer aux, Pointer next) {
    return new FrameOutput(order, LAYOUT).string(d.name()).chars(d.prefix(), 2).f64(d.longitude()).f64(d.latitude())
        .f32(d.elevation()).f32(d.armXazimuth()).f32(d.armYazimuth()).f32(d.armXaltitude()).f32(d.armYaltitude())
        .f32(d.armXmidpoint()).f32(d.armYmidpoint()).i32(d.localTime()).pointer(aux).pointer(Pointer.NONE) // table
        .pointer(next);
  }

  /**
   * Reads a detector; {@code frameLocalTime} is the local time of the frame it belongs to, which
   * version 4 gives there rather than here. A detector may serve later frames too, after the
   * first frame's vectors are gone: its aux vectors are resolved once, by the first frame.
   */
  static Linked<Unresolved<Detector>> read(FrameInput in, Format f, int frameLocalTime) throws GwfFormatException {
    if (f.version() == 4) {
      return new Linked<>(Unresolved.once(readV4(in, frameLocalTime)), Pointer.NONE);
    }
    String name = in.string();
    String prefix = f.version() == 5 ? "" : in.chars(2); // no prefix yet in version 5
    double longitude = in.f64();
    double latitude = in.f64();
    float elevation = in.f32();
    float armXazimuth = in.f32();
    float armYazimuth = in.f32();
    float armXaltitude = in.f32();
    float armYaltitude = in.f32();
    float armXmidpoint = in.f32();
    float armYmidpoint = in.f32();
    int localTime = in.i32();
    if (f.version() == 5) {
      in.i32(); // dataQuality, which version 6 dropped
      in.string(); // qaList, likewise
    }
    Pointer aux = in.pointer();
    in.pointer(); // table
    Unresolved<Detector> d = links -> new Detector(name, prefix, longitude, latitude, elevation, armXazimuth,
        armYazimuth, armXaltitude, armYaltitude, armXmidpoint, armYmidpoint, localTime, links.vects(aux));
    return new Linked<>(Unresolved.once(d), in.pointer());
  }

  /**
   * A version 4 FrDetector, converted as FrameL converts it: longitude and latitude from degrees,
   * minutes and seconds to radians, arm azimuths from anticlockwise-from-East to
   * clockwise-from-North; no prefix, altitudes or midpoints yet; the frame's local time. There
   * is no pointer to a next detector.
   */
  private static Unresolved<Detector> readV4(FrameInput in, int localTime) throws GwfFormatException {
    String name = in.string();
    double longitude = angle(in.i16(), in.i16(), in.f32());
    double latitude = angle(in.i16(), in.i16(), in.f32());
    float elevation = in.f32();
    float armX = azimuthFromNorth(in.f32());
    float armY = azimuthFromNorth(in.f32());
    Pointer aux = in.pointer();
    in.pointer(); // table
    return links -> new Detector(name, "", longitude, latitude, elevation, armX, armY, 0f, 0f, 0f, 0f, localTime,
        links.vects(aux));
  }

  private static double angle(short degrees, short minutes, float seconds) {
    return degrees >= 0 ? FR_PI / 180. * (degrees + minutes / 60. + seconds / 3600.)
        : FR_PI / 180. * (degrees - minutes / 60. - seconds / 3600.);
  }

  private static float azimuthFromNorth(float fromEast) {
    float a = (float) (FR_PI / 2. - fromEast);
    return a < 0 ? (float) (a + 2. * FR_PI) : a;
  }
}
