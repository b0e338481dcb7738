package org.gwreplay.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import org.gwreplay.gwf.FrameFileName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

  @TempDir Path dir;

  /** File content that proves itself whole: length, payload, CRC of the payload. */
  private static byte[] selfChecking(Random r) {
    int n = 1 + r.nextInt(2_000_000);
    byte[] payload = new byte[n];
    r.nextBytes(payload);
    CRC32 crc = new CRC32();
    crc.update(payload);
    return ByteBuffer.allocate(12 + n).putInt(n).put(payload).putLong(crc.getValue()).array();
  }

  private static boolean isWhole(byte[] b) {
    if (b.length < 12) {
      return false;
    }
    ByteBuffer buf = ByteBuffer.wrap(b);
    int n = buf.getInt();
    if (n != b.length - 12) {
      return false;
    }
    CRC32 crc = new CRC32();
    crc.update(b, 4, n);
    return crc.getValue() == ByteBuffer.wrap(b, 4 + n, 8).getLong();
  }

  @Test
  void aReaderPollingTheDirectoryNeverSeesAPartialFile() throws Exception {
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger checked = new AtomicInteger();
    List<String> partial = new ArrayList<>();
    Thread reader = new Thread(() -> {
      while (writing.get()) {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*.gwf")) {
          for (Path p : ds) {
            try {
              if (!isWhole(Files.readAllBytes(p))) {
                partial.add(p.getFileName().toString());
              }
              checked.incrementAndGet();
            } catch (NoSuchFileException gone) {
              // replaced between listing and reading: fine
            }
          }
        } catch (IOException e) {
          partial.add("listing failed: " + e);
        }
      }
    });
    reader.start();
    Random r = new Random(42);
    for (int i = 0; i < 60; i++) {
      // Some names repeat: replacing a file must be atomic too.
      AtomicFiles.write(dir.resolve("H-H1_llhoft-" + (1238166018 + i % 40) + "-1.gwf"), selfChecking(r));
    }
    writing.set(false);
    reader.join();
    assertThat(partial, empty());
    assertThat(checked.get(), greaterThan(0));
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, ".*")) {
      assertThat("no temporary file is left behind", ds.iterator().hasNext(), equalTo(false));
    }
  }

  @Test
  void retentionDeletesOnlyOldFilesOfTheSameStream() throws IOException {
    for (long t = 100; t < 110; t++) {
      Files.write(dir.resolve("H-H1_llhoft-" + t + "-1.gwf"), new byte[] {1});
    }
    Files.write(dir.resolve("H-H1_other-100-1.gwf"), new byte[] {1});
    Files.write(dir.resolve("notes.txt"), new byte[] {1});
    int removed = SharedDirectory.expire(dir, new FrameFileName("H", "H1_llhoft", 109, 1), 5);
    assertThat(removed, equalTo(5));
    List<String> left = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      ds.forEach(p -> left.add(p.getFileName().toString()));
    }
    left.sort(null);
    assertThat(left, equalTo(List.of("H-H1_llhoft-105-1.gwf", "H-H1_llhoft-106-1.gwf", "H-H1_llhoft-107-1.gwf",
        "H-H1_llhoft-108-1.gwf", "H-H1_llhoft-109-1.gwf", "H-H1_other-100-1.gwf", "notes.txt")));
  }

  @Test
  void staleTemporaryFilesAreRemovedButFreshOnesKept() throws IOException {
    Path stale = dir.resolve(".H-H1_llhoft-1-1.gwf.abc" + AtomicFiles.TEMP_SUFFIX);
    Path fresh = dir.resolve(".H-H1_llhoft-2-1.gwf.def" + AtomicFiles.TEMP_SUFFIX);
    Files.write(stale, new byte[] {1});
    Files.write(fresh, new byte[] {1});
    Files.setLastModifiedTime(stale, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 120_000));
    assertThat(AtomicFiles.removeStaleTemps(dir), equalTo(1));
    assertThat(Files.exists(fresh), equalTo(true));
  }

  private List<String> names(String glob) throws IOException {
    List<String> l = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
      ds.forEach(p -> l.add(p.getFileName().toString()));
    }
    l.sort(null);
    return l;
  }

  @Test
  void aBatchIsInvisibleUntilItCommitsThenWholeAndInPlace() throws IOException {
    Random r = new Random(7);
    AtomicFiles.Batch batch = new AtomicFiles.Batch();
    byte[] first = selfChecking(r);
    byte[] second = selfChecking(r);
    byte[] other = selfChecking(r);
    batch.write(dir.resolve("H-H1_llhoft-100-1.gwf"), first);
    batch.write(dir.resolve("H-H1_llhoft-101-1.gwf"), other);
    batch.write(dir.resolve("H-H1_llhoft-100-1.gwf"), second); // written again: the later bytes win
    assertThat("nothing a reader's *.gwf matches before the commit", names("*.gwf"), empty());
    assertThat(names(".*").size(), equalTo(2));
    assertThat(batch.size(), equalTo(2));
    batch.commit();
    assertThat(names("*.gwf"), equalTo(List.of("H-H1_llhoft-100-1.gwf", "H-H1_llhoft-101-1.gwf")));
    assertThat(Files.readAllBytes(dir.resolve("H-H1_llhoft-100-1.gwf")), equalTo(second));
    assertThat(Files.readAllBytes(dir.resolve("H-H1_llhoft-101-1.gwf")), equalTo(other));
    assertThat("no temporary file is left behind", names(".*"), empty());
    batch.commit(); // an empty batch commits to nothing
    assertThat(batch.size(), equalTo(0));
  }

  @Test
  void anAbortedBatchLeavesNothing() throws IOException {
    AtomicFiles.Batch batch = new AtomicFiles.Batch();
    batch.write(dir.resolve("H-H1_llhoft-100-1.gwf"), new byte[] {1, 2, 3});
    batch.abort();
    assertThat(names("*"), empty());
    assertThat(names(".*"), empty());
  }

  @Test
  void aBatchWhoseDirectoryWasRemovedFailsNamingTheFileAndLeavesNothing() throws IOException {
    Path sub = Files.createDirectory(dir.resolve("H1"));
    AtomicFiles.Batch batch = new AtomicFiles.Batch();
    batch.write(sub.resolve("H-H1_llhoft-100-1.gwf"), new byte[] {1});
    batch.write(dir.resolve("H-H1_llhoft-100-1.gwf"), new byte[] {2});
    Files.delete(Files.list(sub).findFirst().orElseThrow());
    Files.delete(sub);
    NoSuchFileException e = org.junit.jupiter.api.Assertions.assertThrows(NoSuchFileException.class, batch::commit);
    assertThat("names the file that was to appear", e.getMessage(), org.hamcrest.Matchers.containsString(
        sub.resolve("H-H1_llhoft-100-1.gwf") + ": "));
    assertThat(e.getMessage(), org.hamcrest.Matchers.containsString("was its directory deleted?"));
    assertThat("the other file of the failed batch is removed, not left hidden", names(".*"), empty());
    assertThat(names("*.gwf"), empty());
  }

  @Test
  void aCommitReturnsTheFilesItMadeVisibleInTheOrderWritten() throws IOException {
    AtomicFiles.Batch batch = new AtomicFiles.Batch();
    batch.write(dir.resolve("H-H1_llhoft-101-1.gwf"), new byte[] {1});
    batch.write(dir.resolve("H-H1_llhoft-100-1.gwf"), new byte[] {2});
    assertThat(batch.commit(), equalTo(List.of(dir.resolve("H-H1_llhoft-101-1.gwf").toAbsolutePath(),
        dir.resolve("H-H1_llhoft-100-1.gwf").toAbsolutePath())));
    assertThat(batch.commit(), empty());
    batch.close();
  }

  /**
   * In /dev/shm (tmpfs, where low-latency consumers read) a batch skips fsync, which has nothing
   * to do there: the files still appear whole at the commit, and a temporary file gone before its
   * rename (its directory deleted) still fails the commit naming the file. That the fsyncs are
   * skipped is not visible from here (on tmpfs they would do nothing either); bench/ shows the time.
   */
  @Test
  void aBatchInMemoryCommitsWholeFilesAndNamesAVanishedOne() throws IOException {
    Path shm = Path.of("/dev/shm");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(shm) && Files.isWritable(shm)
        && Files.getFileStore(shm).type().equals("tmpfs"), "needs /dev/shm on tmpfs");
    Path mem = Files.createTempDirectory(shm, "gwreplay-atomic");
    try (AtomicFiles.Batch batch = new AtomicFiles.Batch()) {
      byte[] one = selfChecking(new Random(11));
      batch.write(mem.resolve("H-H1_llhoft-100-1.gwf"), one);
      batch.write(dir.resolve("H-H1_llhoft-100-1.gwf"), new byte[] {9}); // and one on the test's own disk
      assertThat(Files.exists(mem.resolve("H-H1_llhoft-100-1.gwf")), equalTo(false));
      batch.commit();
      assertThat(Files.readAllBytes(mem.resolve("H-H1_llhoft-100-1.gwf")), equalTo(one));
      assertThat(Files.readAllBytes(dir.resolve("H-H1_llhoft-100-1.gwf")), equalTo(new byte[] {9}));
      Path sub = Files.createDirectory(mem.resolve("H1"));
      batch.write(sub.resolve("H-H1_llhoft-101-1.gwf"), one);
      try (var temps = Files.list(sub)) {
        Files.delete(temps.findFirst().orElseThrow());
      }
      Files.delete(sub);
      NoSuchFileException e = org.junit.jupiter.api.Assertions.assertThrows(NoSuchFileException.class, batch::commit);
      assertThat(e.getMessage(), org.hamcrest.Matchers.containsString(sub.resolve("H-H1_llhoft-101-1.gwf") + ": "));
    } finally {
      try (var s = Files.walk(mem)) {
        s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
