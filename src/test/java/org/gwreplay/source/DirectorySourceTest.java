package org.gwreplay.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.rucio.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code dir:} over real files: which names serve a detector's range, in what order, and fetching them. */
class DirectorySourceTest {
  private static final long T = 1238166000L;
  @TempDir Path dir;

  private Path file(String relative) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    return Files.write(p, relative.getBytes());
  }

  private static List<String> names(DirectorySource src, String detector, long start, long end) {
    List<String> out = new ArrayList<>();
    src.files(detector, start, end).forEachRemaining(f -> out.add(f.name().toString()));
    return out;
  }

  @Test
  void specMustNameAReadableDirectory() throws Exception {
    assertThat(assertThrows(IllegalArgumentException.class, () -> DirectorySource.parse("dir:")).getMessage(),
        equalTo("dir: needs a directory, e.g. dir:/data/frames"));
    assertThat(assertThrows(IllegalArgumentException.class, () -> DirectorySource.parse("dir:" + dir.resolve("none"))).getMessage(),
        equalTo("source directory " + dir.resolve("none") + " does not exist or is not a directory"));
    Path f = file("H-H1_llhoft-" + T + "-1.gwf");
    assertThat(assertThrows(IllegalArgumentException.class, () -> DirectorySource.parse("dir:" + f)).getMessage(),
        containsString("is not a directory"));
  }

  @Test
  void filesOfTheSiteOverlappingTheRangeInGpsOrderAcrossScanChunks() throws Exception {
    file("H1/H-H1_llhoft-" + (T - 10) + "-16.gwf"); // starts before the range, overlaps it
    file("H-H1_llhoft-" + (T - 16) + "-16.gwf"); // ends where the range starts
    file("H1/deeper/H-H1_llhoft-" + (T + 8) + "-4.gwf");
    file("HLV-HW100916-" + (T + 6) + "-1.gwf"); // multi-site: serves H1 too
    file("L1/L-L1_llhoft-" + (T + 7) + "-1.gwf");
    file("H-H1_llhoft-" + (T + DirectorySource.CHUNK_SECONDS + 5) + "-1.gwf"); // found by the second scan
    file("H-H1_llhoft-" + (T + 2 * DirectorySource.CHUNK_SECONDS) + "-1.gwf"); // starts at the end
    file("notes.txt");
    DirectorySource src = DirectorySource.parse("dir:" + dir);
    assertThat(names(src, "H1", T, T + 2 * DirectorySource.CHUNK_SECONDS), contains(
        "H-H1_llhoft-" + (T - 10) + "-16.gwf", "HLV-HW100916-" + (T + 6) + "-1.gwf", "H-H1_llhoft-" + (T + 8) + "-4.gwf",
        "H-H1_llhoft-" + (T + DirectorySource.CHUNK_SECONDS + 5) + "-1.gwf"));
    assertThat(names(src, "L1", T, T + 10), contains("HLV-HW100916-" + (T + 6) + "-1.gwf", "L-L1_llhoft-" + (T + 7) + "-1.gwf"));
    assertThat(names(src, "V1", T + 7, T + 10), empty());
    assertThat(assertThrows(IllegalArgumentException.class, () -> src.files("X1", T, T + 1)).getMessage(),
        containsString("unknown detector 'X1'"));
  }

  @Test
  void aNameAgainstTheConventionIsReportedOnceNotSilentlySkipped() throws Exception {
    file("H-H1-llhoft-" + T + "-1.gwf");
    file("H-H1-llhoft-" + (T + 1) + "-1.gwf");
    file("H-H1_llhoft-" + T + "-1.gwf");
    DirectorySource src = DirectorySource.parse("dir:" + dir);
    String log;
    try (LogCapture capture = new LogCapture()) {
      assertThat(names(src, "H1", T, T + 2), contains("H-H1_llhoft-" + T + "-1.gwf"));
      log = capture.text();
    }
    assertThat(log, containsString("is not used: frame file names must be OBS-TAG-GPSSTART-DURATION.gwf"));
    assertThat("once", log.indexOf("is not used"), equalTo(log.lastIndexOf("is not used")));
  }

  @Test
  void fetchReadsTheListedFileAndRefusesOneThatChangedOrLiesOutside() throws Exception {
    Path f = file("H-H1_llhoft-" + T + "-1.gwf");
    DirectorySource src = DirectorySource.parse("dir:" + dir);
    SourceFile listed = src.files("H1", T, T + 1).next();
    assertThat(listed.bytes(), equalTo(Files.size(f)));
    assertArrayEquals(Files.readAllBytes(f), src.fetch(listed));
    Files.write(f, new byte[3]);
    assertThat(assertThrows(IOException.class, () -> src.fetch(listed)).getMessage(),
        equalTo(listed.name() + " changed while being read: 3 bytes, listed " + listed.bytes()));
    Path outside = Files.write(Files.createTempFile("H-H1_llhoft-", ".gwf"), new byte[1]);
    try {
      SourceFile stray = new SourceFile("H1", FrameFileName.parse("H-H1_llhoft-" + T + "-1.gwf"), outside.toString(), 1, null, null);
      assertThat(assertThrows(IOException.class, () -> src.fetch(stray)).getMessage(), containsString("refusing to read"));
    } finally {
      Files.delete(outside);
    }
    assertThat(src.describe(), not(containsString("dir:")));
  }

  @Test
  void aFileOfManyReadChunksIsReadWholeAndOneThatGrewSinceListedIsRefused() throws Exception {
    byte[] big = new byte[(5 << 20) / 2 + 17]; // two and a half chunks and a bit
    new java.util.Random(3).nextBytes(big);
    Path f = Files.write(dir.resolve("H-H1_HOFT_C00-" + T + "-256.gwf"), big);
    assertArrayEquals(big, GwfReader.fileBytes(f));
    assertArrayEquals(new byte[0], GwfReader.fileBytes(Files.write(dir.resolve("empty"), new byte[0])));
    assertThrows(java.nio.file.NoSuchFileException.class, () -> GwfReader.fileBytes(dir.resolve("missing.gwf")));
    assertArrayEquals(new byte[0], GwfReader.fileBytes(Path.of("/dev/null"))); // not a regular file: read as a stream
    DirectorySource src = DirectorySource.parse("dir:" + dir);
    SourceFile listed = src.files("H1", T, T + 1).next();
    assertArrayEquals(big, src.fetch(listed));
    Files.write(f, new byte[] {1}, java.nio.file.StandardOpenOption.APPEND);
    assertThat(assertThrows(IOException.class, () -> src.fetch(listed)).getMessage(),
        equalTo(listed.name() + " changed while being read: " + (big.length + 1) + " bytes, listed " + big.length));
  }
}
