package org.gwreplay.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.gwreplay.rucio.BenchLake;
import org.gwreplay.rucio.RucioTestLake;
import org.gwreplay.source.DemoSource;
import org.gwreplay.source.LakeSources;
import org.gwreplay.source.RucioSource;
import org.gwreplay.source.RucioSourceOptions;
import org.gwreplay.source.SourceFile;

/**
 * Fetching frames from a real storage element over HTTP on loopback (Debian's xrootd with
 * XrdHttp), against {@code curl} fetching the same files in the same run:
 *
 * <ol>
 *   <li>curl: one process for all URLs (connections reused), with {@code --parallel
 *       --parallel-max 3 --parallel-immediate} for 3 streams;
 *   <li>our storage download path alone (the Rucio source's HTTP client, deadline, size check),
 *       from the storage URLs, with adler32 + md5 verification (what the source does when the
 *       catalog has both), with adler32 only, and with the size check only;
 *   <li>the whole {@link RucioSource}: name search + replica list per detector, then {@code
 *       fetch} (download + verification) of every file.
 * </ol>
 *
 * 3 streams is what a replay of H1, L1 and V1 uses: one fetching thread per detector, each
 * fetching its files in GPS order; ours then runs one thread per detector. Every case writes
 * each file to a fresh directory on the same file system (no fsync), so all pay the same
 * writes. Each case has one untimed warm-up run (JIT, page cache, login); xrootd serves from
 * the page cache. Single-file latency at 1 stream comes from the same runs: curl's own {@code
 * %{time_total}} per transfer, and ours timed around each download including its write.
 *
 * <pre>java ... org.gwreplay.bench.SourceBench [--quick]</pre>
 */
public final class SourceBench {

  static final List<String> DETECTORS = List.of("H1", "L1", "V1");

  /** A file on the storage element, with what the catalog knows of it. */
  record Stored(String detector, String name, String url, long bytes, String adler32, String md5) {}

  /** Files of one duration for each detector over [start, start + count * duration). */
  record FileSet(long duration, int count, long start, List<Stored> files) {
    long bytes() {
      return files.stream().mapToLong(Stored::bytes).sum();
    }

    String label() {
      return files.size() + " x " + duration + "-s";
    }
  }

  /** A case to time: its name, streams, what it runs; its seconds per round and per-file seconds. */
  static final class Case {
    final String name;
    final int streams;
    final Run run;
    final double[] seconds;
    final List<Double> perFile = Collections.synchronizedList(new ArrayList<>());

    Case(String name, int streams, int reps, Run run) {
      this.name = name;
      this.streams = streams;
      this.run = run;
      this.seconds = new double[reps];
    }
  }

  interface Run {
    void run(Path out, List<Double> perFile) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    int reps = quick ? 5 : 7;
    Path work = Files.createTempDirectory("gwreplay-srcbench");
    String curlVersion;
    try {
      curlVersion = curlVersion();
    } catch (IOException e) {
      System.out.println("(skipped: no curl to compare with: " + e.getMessage() + ")");
      ThroughputBench.delete(work);
      return;
    }
    BenchLake started;
    try {
      started = BenchLake.start(work.resolve("lake"));
    } catch (org.opentest4j.TestAbortedException e) {
      // No xrootd here (or not root): say so and let bench/run go on with the other benchmarks.
      System.out.println("(skipped: " + e.getMessage() + ")");
      ThroughputBench.delete(work);
      return;
    }
    try (BenchLake lake = started) {
      // ~50 MB a set in full mode: 0.5-MB 4-s files (per-file costs show) and 4-MB 32-s files (bandwidth).
      List<FileSet> sets = List.of(
          store(lake, 4, quick ? 16 : 64, 1238166016L),
          store(lake, 32, quick ? 2 : 8, 1238170112L));
      System.out.println("| files | MB | case | streams | median s | p90 s | MB/s | files/s | vs curl |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
      Map<String, List<Double>> latency = new LinkedHashMap<>();
      for (FileSet set : sets) {
        RucioSourceOptions options = LakeSources.options(lake.lake());
        options.setRucioDownloadTimeoutSeconds(60); // the default; the lake's test options use 2 s
        options.setRucioMaxFileSeconds(set.duration); // no extra chunk before the start
        BenchLake.Downloader storage = lake.downloader(options);
        RucioSource source = LakeSources.source("rucio:" + RucioTestLake.SCOPE, options);
        List<Case> cases = new ArrayList<>();
        for (int streams : new int[] {1, 3}) {
          cases.add(new Case("curl (baseline)", streams, reps, (out, t) -> curl(set, streams, out, t)));
          cases.add(new Case("storage download + adler32/md5", streams, reps,
              (out, t) -> download(storage, set, streams, out, t, true, true)));
          cases.add(new Case("storage download + adler32 only", streams, reps,
              (out, t) -> download(storage, set, streams, out, t, true, false)));
          cases.add(new Case("storage download, size check only", streams, reps,
              (out, t) -> download(storage, set, streams, out, t, false, false)));
          cases.add(new Case("RucioSource: list + fetch (verified)", streams, reps, (out, t) -> rucio(source, set, streams, out, t)));
        }
        // Round-robin: every round runs each case once, so load from others on the machine falls on all cases alike.
        for (int round = -1; round < reps; round++) {
          for (Case c : cases) {
            double s = once(work, set, c.run, round < 0 ? Collections.synchronizedList(new ArrayList<>()) : c.perFile);
            if (round >= 0) {
              c.seconds[round] = s;
            }
          }
        }
        for (Case c : cases) {
          Case curl = cases.stream().filter(k -> k.streams == c.streams).findFirst().orElseThrow();
          row(set, c, curl);
        }
        for (String name : List.of("curl (baseline)", "storage download + adler32/md5", "RucioSource: list + fetch (verified)")) {
          Case c = cases.stream().filter(k -> k.streams == 1 && k.name.equals(name)).findFirst().orElseThrow();
          latency.put(set.label() + "|" + (name.startsWith("RucioSource") ? "RucioSource.fetch" : name), c.perFile);
        }
      }
      System.out.println();
      System.out.println("Single-file latency, 1 stream (every file of every timed round; ours: the download or "
          + "RucioSource.fetch and the write; curl: its %{time_total} per transfer):");
      System.out.println();
      System.out.println("| files | case | p50 ms | p99 ms | p50 vs curl |");
      System.out.println("| --- | --- | --- | --- | --- |");
      for (Map.Entry<String, List<Double>> e : latency.entrySet()) {
        String[] k = e.getKey().split("\\|");
        double p50 = Stats.quantile(e.getValue(), 0.5);
        double curl50 = Stats.quantile(latency.get(k[0] + "|curl (baseline)"), 0.5);
        System.out.println(Stats.row(k[0], k[1], p50 * 1e3, Stats.quantile(e.getValue(), 0.99) * 1e3, curl50 / p50));
      }
      System.out.println();
      System.out.printf("xrootd (XrdHttp, plain HTTP) on 127.0.0.1, page cache warm; %s; %d timed rounds after one warm-up "
              + "round, each round running every case once; every case writes each file into a fresh directory on the "
              + "same file system (no fsync). 'vs curl' is the median over rounds of curl's time / ours in the same "
              + "round, at the same number of streams (above 1: faster than curl). RucioSource rows include the catalog "
              + "look-ups (name search + replica list over HTTPS, per detector); the source and its login are reused "
              + "across rounds.%n", curlVersion, reps);
    } finally {
      ThroughputBench.delete(work);
    }
  }

  /** Writes {@code count} demo frame files per detector with our codec, stores and registers them. */
  static FileSet store(BenchLake lake, long duration, int count, long start) throws Exception {
    DemoSource demo = new DemoSource(start + duration * count / 2, duration);
    List<SourceFile> wanted = new ArrayList<>();
    for (String d : DETECTORS) {
      demo.files(d, start, start + duration * count).forEachRemaining(wanted::add);
    }
    // Synthesis and gzip are the slow part of setup: both cores.
    List<Stored> stored = Collections.synchronizedList(new ArrayList<>());
    byte[][] first = new byte[1][];
    IntStream.range(0, wanted.size()).parallel().forEach(i -> {
      SourceFile f = wanted.get(i);
      byte[] data = demo.fetch(f);
      try {
        String name = f.name().toString();
        String url = lake.put(name, data);
        stored.add(new Stored(f.detector(), name, url, data.length, BenchLake.adler32(data), BenchLake.md5(data)));
        if (i == 0) {
          first[0] = data;
        }
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    lake.checkAdler32(wanted.get(0).name().toString(), first[0]);
    // Detector by detector, each in GPS order (names sort that way within a detector).
    List<Stored> ordered = new ArrayList<>(stored);
    ordered.sort((a, b) -> a.detector.equals(b.detector) ? a.name.compareTo(b.name)
        : Integer.compare(DETECTORS.indexOf(a.detector), DETECTORS.indexOf(b.detector)));
    return new FileSet(duration, count, start, ordered);
  }

  /** One timed run of a case into a fresh directory, checked afterwards (a fast wrong answer is no result). */
  static double once(Path work, FileSet set, Run run, List<Double> perFile) throws Exception {
    Path out = Files.createDirectory(work.resolve("out-" + System.nanoTime()));
    long t0 = System.nanoTime();
    run.run(out, perFile);
    double s = (System.nanoTime() - t0) / 1e9;
    check(set, out);
    ThroughputBench.delete(out);
    return s;
  }

  static void row(FileSet set, Case c, Case curl) {
    double med = Stats.median(c.seconds);
    double mb = set.bytes() / 1e6;
    double[] ratio = new double[c.seconds.length];
    for (int i = 0; i < ratio.length; i++) {
      ratio[i] = curl.seconds[i] / c.seconds[i];
    }
    System.out.println(Stats.row(set.label(), mb, c.name, c.streams, med, Stats.quantile(c.seconds, 0.9), mb / med,
        set.files.size() / med, Stats.median(ratio)));
  }

  /** curl in one process for all URLs; per-transfer times from its write-out. */
  static void curl(FileSet set, int streams, Path out, List<Double> perFile) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("curl", "--silent", "--show-error", "--no-progress-meter", "--fail", "--remote-name-all",
        "--output-dir", out.toString(), "--write-out", "%{time_total}\\n"));
    if (streams > 1) {
      // --parallel-immediate: open the streams at once instead of waiting to see whether they could share one (HTTP/2).
      cmd.addAll(List.of("--parallel", "--parallel-max", String.valueOf(streams), "--parallel-immediate"));
    }
    set.files.forEach(f -> cmd.add(f.url));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String times = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    if (p.waitFor() != 0) {
      throw new IOException("curl exit status " + p.exitValue());
    }
    for (String line : times.split("\n")) {
      if (!line.isBlank()) {
        perFile.add(Double.parseDouble(line.trim()));
      }
    }
  }

  /** The storage download path from the replica URLs, {@code streams} threads (one per detector at 3). */
  static void download(BenchLake.Downloader dl, FileSet set, int streams, Path out, List<Double> perFile, boolean adler32,
      boolean md5) throws Exception {
    parallel(groups(set, streams), group -> {
      for (Stored f : group) {
        long t0 = System.nanoTime();
        byte[] data = dl.download(f.name, f.url, f.bytes, adler32 ? f.adler32 : null, md5 ? f.md5 : null);
        Files.write(out.resolve(f.name), data);
        perFile.add((System.nanoTime() - t0) / 1e9);
      }
    });
  }

  /** As a replay does it: per detector, list the range from the catalog, then fetch each file in order. */
  static void rucio(RucioSource source, FileSet set, int streams, Path out, List<Double> perFile) throws Exception {
    List<List<String>> byThread = streams == 1 ? List.of(DETECTORS) : DETECTORS.stream().map(List::of).toList();
    parallel(byThread, detectors -> {
      for (String d : detectors) {
        Iterator<SourceFile> it = source.files(d, set.start, set.start + set.duration * set.count);
        while (it.hasNext()) {
          SourceFile f = it.next();
          long t0 = System.nanoTime();
          byte[] data = source.fetch(f);
          Files.write(out.resolve(f.name().toString()), data);
          perFile.add((System.nanoTime() - t0) / 1e9);
        }
      }
    });
  }

  static List<List<Stored>> groups(FileSet set, int streams) {
    if (streams == 1) {
      return List.of(set.files);
    }
    return DETECTORS.stream().map(d -> set.files.stream().filter(f -> f.detector.equals(d)).toList()).toList();
  }

  interface Task<T> {
    void run(T item) throws Exception;
  }

  static <T> void parallel(List<T> items, Task<T> task) throws Exception {
    if (items.size() == 1) {
      task.run(items.get(0));
      return;
    }
    ExecutorService pool = Executors.newFixedThreadPool(items.size());
    try {
      List<Future<?>> done = new ArrayList<>();
      for (T item : items) {
        done.add(pool.submit(() -> {
          task.run(item);
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Every file arrived whole: a fast wrong answer is no result. */
  static void check(FileSet set, Path out) throws IOException {
    for (Stored f : set.files) {
      Path p = out.resolve(f.name);
      if (!Files.isRegularFile(p) || Files.size(p) != f.bytes) {
        throw new IOException("missing or short: " + p);
      }
    }
  }

  static String curlVersion() throws Exception {
    Process p = new ProcessBuilder("curl", "--version").redirectErrorStream(true).start();
    String v = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).lines().findFirst().orElse("curl");
    p.waitFor();
    String[] w = v.split(" ");
    return w.length > 1 ? "curl " + w[1] : v;
  }
}
