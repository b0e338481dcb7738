package org.gwreplay.llhoft;

import java.util.List;
import java.util.Optional;
import org.gwreplay.gwf.Detector;

/**
 * The FrDetector structure that real h(t) frames carry for their site: vertex position and arm
 * geometry (radians, metres), as LALSuite's LALDetectors.h gives them, and the local time offset.
 */
public final class Sites {

  private Sites() {}

  /** The frame (FrameH) name our frames carry for a detector's site. */
  public static String frameName(String ifo) {
    return switch (ifo.substring(0, 1)) {
      case "H" -> "LHO";
      case "L" -> "LLO";
      case "V" -> "Virgo";
      case "K" -> "KAGRA";
      default -> ifo;
    };
  }

  public static Optional<Detector> detector(String ifo) {
    return Optional.ofNullable(switch (ifo) {
      case "H1" -> new Detector("LHO_4k", "H1", -2.08405676917, 0.81079526383, 142.554f, 5.65487724844f,
          4.08408092164f, -6.195e-4f, 1.25e-5f, 1997.54f, 1997.52f, -8 * 3600, List.of());
      case "L1" -> new Detector("LLO_4k", "L1", -1.58430937078, 0.53342313506, -6.574f, 4.40317772346f,
          2.83238139666f, -3.121e-4f, -6.107e-4f, 1997.57f, 1997.61f, -6 * 3600, List.of());
      case "V1" -> new Detector("VIRGO", "V1", 0.18333805213, 0.76151183984, 51.884f, 0.33916285222f,
          5.05155183261f, 0f, 0f, 1500f, 1500f, 3600, List.of());
      case "K1" -> new Detector("KAGRA", "K1", 2.396441015, 0.6355068497, 414.181f, 1.054113f, -0.5166798f,
          0.0031414f, -0.0036270f, 1513.2535f, 1511.611f, 9 * 3600, List.of());
      default -> null;
    });
  }
}
