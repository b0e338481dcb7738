package org.gwreplay.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArrivalWatcherTest {

  @TempDir
  Path tmp;

  private static void waitFor(java.util.function.BooleanSupplier done) throws InterruptedException {
    for (int i = 0; i < 100 && !done.getAsBoolean(); i++) {
      Thread.sleep(50);
    }
  }

  /** Written as the sink does: a hidden temporary file renamed into place. */
  private static void release(Path dir, String name) throws Exception {
    Path hidden = Files.write(dir.resolve("." + name + ".tmp"), new byte[] {1, 2, 3});
    Files.move(hidden, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE);
  }

  @Test
  void framesRenamedIntoPlaceAreSeenOnceEachInOrderAndOthersNot() throws Exception {
    Path h1 = tmp.resolve("out/H1"); // created by the watcher
    Path l1 = tmp.resolve("out/L1");
    Instant before = Instant.now();
    try (ArrivalWatcher w = new ArrivalWatcher(List.of(h1, l1))) {
      release(h1, "H-H1_llhoft-1238166018-1.gwf");
      Files.writeString(h1.resolve("notes.txt"), "not a frame");
      waitFor(() -> w.arrivals().size() >= 1);
      release(l1, "L-L1_llhoft-1238166018-1.gwf");
      waitFor(() -> w.arrivals().size() >= 2);
      release(h1, "H-H1_llhoft-1238166019-1.gwf");
      release(h1, "H-H1_llhoft-1238166018-1.gwf"); // re-written: still its first arrival
      waitFor(() -> w.arrivals().size() >= 3);
      Thread.sleep(200); // anything further would have come by now
      assertThat(w.arrivals().keySet().stream().map(p -> tmp.relativize(p).toString()).toList(), equalTo(List.of(
          "out/H1/H-H1_llhoft-1238166018-1.gwf", "out/L1/L-L1_llhoft-1238166018-1.gwf", "out/H1/H-H1_llhoft-1238166019-1.gwf")));
      assertThat(w.arrivals().values().stream().allMatch(t -> !t.isBefore(before) && !t.isAfter(Instant.now())), equalTo(true));
    }
  }

  @Test
  void aListenerHearsEveryArrivalIncludingRewrites() throws Exception {
    List<Path> heard = new CopyOnWriteArrayList<>();
    try (ArrivalWatcher w = new ArrivalWatcher(List.of(tmp), (p, t) -> heard.add(p))) {
      release(tmp, "V-V1_llhoft-1238166018-1.gwf");
      waitFor(() -> heard.size() >= 1);
      release(tmp, "V-V1_llhoft-1238166018-1.gwf");
      waitFor(() -> heard.size() >= 2);
      assertThat(heard, equalTo(List.of(tmp.resolve("V-V1_llhoft-1238166018-1.gwf"), tmp.resolve("V-V1_llhoft-1238166018-1.gwf"))));
      assertThat(w.arrivals().isEmpty(), equalTo(true)); // keeps nothing itself
    }
  }
}
