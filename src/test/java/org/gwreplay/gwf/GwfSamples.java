package org.gwreplay.gwf;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the real frame files written by other software are: ../shared/gwf-samples, or -Dgwreplay.samples. */
final class GwfSamples {

  private GwfSamples() {}

  static Path dir() {
    return Paths.get(System.getProperty("gwreplay.samples", "../shared/gwf-samples"));
  }

  /** The sample, or the test is skipped when the folder is absent (a fresh clone on its own). */
  static Path require(String name) {
    Path p = dir().resolve(name);
    assumeTrue(Files.isReadable(p), "sample " + p + " is absent: skipped");
    return p;
  }
}
