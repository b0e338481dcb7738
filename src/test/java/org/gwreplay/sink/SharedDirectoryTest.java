package org.gwreplay.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.gwreplay.replay.ResumePoint;
import org.gwreplay.replay.ReplaySpec;
import org.gwreplay.time.SegmentList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared directory on a real file system: where each detector's files go, what is there, and where a replay resumes. */
class SharedDirectoryTest {

  @TempDir Path tmp;

  private static final SegmentList SEGMENTS = SegmentList.of(100, 110);

  private void touch(Path dir, String... names) throws IOException {
    Files.createDirectories(dir);
    for (String n : names) {
      Files.write(dir.resolve(n), new byte[] {1});
    }
  }

  @Test
  void layoutPlacesEachDetectorBelowTheRoot() {
    assertThat(SharedDirectory.of(tmp, "{ifo}").directoryFor("H1"), equalTo(tmp.resolve("H1")));
    assertThat(SharedDirectory.of(tmp, "kafka/{site}_x").directoryFor("V1"), equalTo(tmp.resolve("kafka/V_x")));
    assertThat(SharedDirectory.of(tmp, "").directoryFor("L1"), equalTo(tmp));
    assertThat(SharedDirectory.of(tmp.resolve("a/../out"), "{ifo}").root(), equalTo(tmp.resolve("out")));
    for (String bad : new String[] {"/abs/{ifo}", "../{ifo}", "x/../../y"}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SharedDirectory.of(tmp, bad));
      assertThat(e.getMessage(), containsString("layout must be a relative sub-directory without '..'"));
    }
  }

  @Test
  void statusFileDefaultsToBesideTheRoot() {
    assertThat(SharedDirectory.of(tmp.resolve("llhoft"), "{ifo}").defaultStatusFile(), equalTo(tmp.resolve("llhoft.status.json")));
  }

  @Test
  void framesAreTheDetectorsSiteOnly() throws IOException {
    SharedDirectory d = SharedDirectory.of(tmp, "");
    touch(tmp, "H-H1_llhoft-100-1.gwf", "L-L1_llhoft-100-1.gwf", "HL-both-100-1.gwf", "notes.gwf", "H-H1_llhoft-101-1.txt",
        ".H-H1_llhoft-102-1.gwf.x.tmp");
    assertThat(d.frames("H1").stream().map(f -> f.path().getFileName().toString()).toList(), equalTo(List.of("H-H1_llhoft-100-1.gwf")));
    assertThat(d.frames("H1").get(0).name().gpsStart(), equalTo(100L));
    assertThat(SharedDirectory.list(tmp).size(), equalTo(3));
    assertThat("a directory not made yet holds nothing", SharedDirectory.of(tmp.resolve("none"), "{ifo}").frames("H1"), empty());
  }

  @Test
  void resumeContinuesAtEachDetectorsFirstHoleAndTheClockAfterTheNewestFrame() throws IOException {
    SharedDirectory d = SharedDirectory.of(tmp, "{ifo}");
    // H1: 100-103 written (100 expired already), 105 written out of order: continues at 104.
    touch(tmp.resolve("H1"), "H-H1_llhoft-101-1.gwf", "H-H1_llhoft-102-1.gwf", "H-H1_llhoft-103-1.gwf", "H-H1_llhoft-105-1.gwf",
        "H-H1_other-104-1.gwf", "H-H1_llhoft-200-1.gwf");
    // L1: complete. V1: nothing yet.
    for (long t = 100; t < 110; t++) {
      touch(tmp.resolve("L1"), "L-L1_llhoft-" + t + "-1.gwf");
    }
    ResumePoint r = d.resume(List.of("H1", "L1", "V1"), "{ifo}_llhoft", SEGMENTS, 1, 1);
    assertThat(r.positions(), equalTo(Map.of("H1", 104L, "L1", 110L)));
    assertThat("files beyond the replay's end are not its own", r.newestEnd(), equalTo(OptionalLong.of(110)));

    // Without a tag, every stream of the site counts: H1_other's 104 fills the hole.
    assertThat(d.resume(List.of("H1"), "", SEGMENTS, 1, 1).positions(), equalTo(Map.of("H1", 106L)));
    assertThat(d.resume(List.of("V1"), "", SEGMENTS, 1, 1), equalTo(ResumePoint.NONE));
  }

  @Test
  void resumeOfALoopWalksOnIntoItsLaterPasses() throws IOException {
    SharedDirectory d = SharedDirectory.of(tmp, "{ifo}");
    // Two passes of 10 s: the second pass is named 110-119 in replay time.
    for (long t = 105; t < 113; t++) {
      touch(tmp.resolve("H1"), "H-H1_llhoft-" + t + "-1.gwf");
    }
    ResumePoint r = d.resume(List.of("H1"), null, SEGMENTS, 1, 2);
    assertThat(r.positions(), equalTo(Map.of("H1", 113L)));
    assertThat(r.newestEnd(), equalTo(OptionalLong.of(113)));
    assertThat(d.resume(List.of("H1"), null, SEGMENTS, 1, ReplaySpec.LOOP_FOREVER).positions(), equalTo(Map.of("H1", 113L)));
  }

  @Test
  void checkWritableSaysWhyNot() throws IOException {
    SharedDirectory ok = SharedDirectory.of(tmp.resolve("new/out"), "{ifo}");
    ok.checkWritable();
    assertThat("made, and no probe left behind", SharedDirectory.list(ok.root()), empty());
    assertThat(Files.list(ok.root()).count(), equalTo(0L));
    Path file = tmp.resolve("a-file");
    Files.write(file, new byte[] {1});
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SharedDirectory.of(file.resolve("out"), "{ifo}").checkWritable());
    assertThat(e.getMessage(), containsString("output directory " + file.resolve("out") + " is not writable"));
  }

  @Test
  void expiryMeasuresFromTheNewestFileOfTheStream() throws IOException {
    // 120 was written before 110 (out of order): 110 expires although it is the one just written.
    touch(tmp, "H-H1_llhoft-100-1.gwf", "H-H1_llhoft-110-1.gwf", "H-H1_llhoft-120-1.gwf", "L-L1_llhoft-100-1.gwf");
    assertThat(SharedDirectory.expire(tmp, new org.gwreplay.gwf.FrameFileName("H", "H1_llhoft", 110, 1), 5), equalTo(2));
    assertThat(SharedDirectory.list(tmp).stream().map(f -> f.name().toString()).sorted().toList(),
        equalTo(List.of("H-H1_llhoft-120-1.gwf", "L-L1_llhoft-100-1.gwf")));
    assertThat("a directory removed under the sink expires nothing", SharedDirectory.expire(tmp.resolve("gone"),
        new org.gwreplay.gwf.FrameFileName("H", "H1_llhoft", 110, 1), 5), equalTo(0));
  }
}
