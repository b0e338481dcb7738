package org.gwreplay.monitor;

/** The detector colours plots of the field use (H1 red, L1 blue, V1 purple, K1 amber). */
final class Colors {

  private Colors() {}

  static String of(String detector) {
    return switch (detector) {
      case "H1" -> "#ee0000";
      case "L1" -> "#4ba6ff";
      case "V1" -> "#9b59b6";
      case "K1" -> "#ffb200";
      default -> "#333333";
    };
  }
}
