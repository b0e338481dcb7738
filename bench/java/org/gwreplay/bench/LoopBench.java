package org.gwreplay.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.gwreplay.gwf.Frame;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.gwf.GwfReader;
import org.gwreplay.sink.ArrivalWatcher;
import org.gwreplay.time.GpsTime;

/**
 * A long looping replay: a segment list with a gap (from a local directory lake made once from
 * the demo source), looped for hours of GPS at an accelerated, paced speed on the direct runner.
 * Every file that appears (inotify) is recorded; then the seams are checked: for each detector,
 * the names are exactly the list's frames shifted by k periods for every pass k (no gap, no
 * overlap, nothing twice), and the frames on both sides of every seam carry the GPS time of
 * their names and the data of the first pass. Heap after GC is sampled as passes go by.
 *
 * <pre>java ... org.gwreplay.bench.LoopBench [--quick]</pre>
 */
public final class LoopBench {

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    long start = 1238166016;
    long listSeconds = quick ? 120 : 600;
    long gapAt = start + listSeconds / 2;
    long gapLen = 10;
    int passes = quick ? 10 : 12; // 20 minutes or 2 hours of GPS
    double speed = 30;
    List<String> ifos = List.of("H1", "L1");
    Path work = Files.createTempDirectory("gwreplay-loop");
    Path lake = work.resolve("lake");
    ThroughputBench.replay("demo", lake, start, listSeconds, "direct");
    String segments = "[[" + start + "," + gapAt + "],[" + (gapAt + gapLen) + "," + (start + listSeconds) + "]]";

    Path out = work.resolve("out");
    for (String ifo : ifos) {
      Files.createDirectories(out.resolve(ifo));
    }
    Map<String, ConcurrentSkipListMap<Long, Integer>> seen = new ConcurrentHashMap<>();
    ifos.forEach(i -> seen.put(i, new ConcurrentSkipListMap<>()));
    ReplayJob job = ReplayJob.fromArgs(new String[] {"--source=dir:" + lake, "--detectors=" + String.join(",", ifos),
        "--segments=" + segments, "--loop=" + passes, "--speed=" + speed, "--start-delay=5", "--retention=900",
        "--status-file=none", "--output=" + out, "--enforceEncodability=false", "--enforceImmutability=false"}, Instant.now());
    long period = job.spec().loopPeriod();
    List<long[]> heap = new java.util.concurrent.CopyOnWriteArrayList<>();
    long t0 = System.nanoTime();
    try (ArrivalWatcher w = new ArrivalWatcher(ifos.stream().map(out::resolve).toList(), (p, at) -> {
      FrameFileName n = FrameFileName.tryParse(p.getFileName().toString());
      if (n != null) {
        String ifo = p.getParent().getFileName().toString();
        seen.get(ifo).merge(n.gpsStart(), 1, Integer::sum);
        long k = Math.floorDiv(n.gpsStart() - start, period);
        long inPass = n.gpsStart() - start - k * period;
        if (inPass == 0 || inPass == period - 1) {
          check(p, n, k, period, lake, ifo);
        }
      }
    })) {
      job.options().as(org.apache.beam.runners.direct.DirectOptions.class).setBlockOnRun(false);
      PipelineResult r = job.pipeline().run();
      Thread sampler = new Thread(() -> {
        try {
          while (true) {
            Thread.sleep((long) (period / speed * 1000));
            System.gc();
            heap.add(new long[] {System.nanoTime(), liveHeap()});
          }
        } catch (InterruptedException e) {
          // done
        }
      });
      sampler.setDaemon(true);
      sampler.start();
      if (r.waitUntilFinish() != PipelineResult.State.DONE) {
        throw new IllegalStateException("the looping replay ended in state " + r.getState());
      }
      sampler.interrupt();
      Thread.sleep(500);
    }
    double wall = (System.nanoTime() - t0) / 1e9;
    long problems = 0;
    long files = 0;
    for (String ifo : ifos) {
      TreeMap<Long, Integer> expected = new TreeMap<>();
      for (long k = 0; k < passes; k++) {
        for (long t = start; t < start + listSeconds; t++) {
          if (t < gapAt || t >= gapAt + gapLen) {
            expected.put(t + k * period, 1);
          }
        }
      }
      Map<Long, Integer> got = seen.get(ifo);
      files += got.size();
      for (Map.Entry<Long, Integer> e : expected.entrySet()) {
        if (!got.containsKey(e.getKey())) {
          problems++;
          System.err.println("missing " + ifo + " " + e.getKey());
        }
      }
      for (Map.Entry<Long, Integer> e : got.entrySet()) {
        if (!expected.containsKey(e.getKey()) || e.getValue() != 1) {
          problems++;
          System.err.println("unexpected or repeated " + ifo + " " + e.getKey() + " x" + e.getValue());
        }
      }
    }
    problems += SEAM_PROBLEMS.size();
    SEAM_PROBLEMS.forEach(System.err::println);
    System.out.println("| GPS replayed | passes | period s | detectors | speed | wall s | files | seams checked | problems | heap after GC first/last pass MB |");
    System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
    String h = heap.size() < 2 ? "n/a" : String.format("%.0f / %.0f", heap.get(0)[1] / 1e6, heap.get(heap.size() - 1)[1] / 1e6);
    System.out.printf("| %.1f h | %d | %d | %s | %.0f | %.0f | %d | %d | %d | %s |%n", passes * period / 3600.0, passes, period,
        String.join(",", ifos), speed, wall, files, SEAMS_CHECKED.get(), problems, h);
    StringBuilder series = new StringBuilder();
    heap.forEach(x -> series.append(String.format(" %.0f", x[1] / 1e6)));
    System.out.println();
    System.out.println("Heap after GC at each pass (MB):" + series);
    ThroughputBench.delete(work);
    if (problems > 0) {
      System.exit(1);
    }
  }

  /** Heap in use just after the last collection (System.gc() is a full one): the live set, not garbage of the moment. */
  private static long liveHeap() {
    long used = 0;
    for (java.lang.management.MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == java.lang.management.MemoryType.HEAP && p.getCollectionUsage() != null) {
        used += p.getCollectionUsage().getUsed();
      }
    }
    return used;
  }

  private static final List<String> SEAM_PROBLEMS = new java.util.concurrent.CopyOnWriteArrayList<>();
  private static final java.util.concurrent.atomic.AtomicLong SEAMS_CHECKED = new java.util.concurrent.atomic.AtomicLong();

  /** The frame on a seam: its time is its name's, its data that of the first pass. */
  private static void check(Path p, FrameFileName n, long pass, long period, Path lake, String ifo) {
    try {
      Frame f = GwfReader.read(p).get(0);
      if (!f.start().equals(GpsTime.ofSeconds(n.gpsStart()))) {
        SEAM_PROBLEMS.add(p + ": frame starts at " + f.start());
      }
      long dataStart = n.gpsStart() - pass * period;
      Path source = lake.resolve(ifo).resolve(n.withGps(dataStart, 1).toString());
      Frame first = GwfReader.read(source).get(0);
      if (!java.util.Arrays.equals(first.procData().get(0).data().toDoubles(), f.procData().get(0).data().toDoubles())) {
        SEAM_PROBLEMS.add(p + ": data differ from the first pass's " + source.getFileName());
      }
      SEAMS_CHECKED.incrementAndGet();
    } catch (Exception e) {
      SEAM_PROBLEMS.add(p + ": " + e);
    }
  }
}
