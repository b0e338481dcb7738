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
import org.gwreplay.rucio.RucioOptions;
import org.gwreplay.rucio.RucioSource;
import org.gwreplay.rucio.RucioTestLake;
import org.gwreplay.source.DemoSource;
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

  /** One measured case: seconds of each timed run, and per-file seconds (1 stream only). */
  record Result(double[] seconds, List<Double> perFile) {}

  interface Run {
    void run(Path out, List<Double> perFile) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    boolean quick = List.of(args).contains("--quick");
    int reps = quick ? 3 : 5;
    Path work = Files.createTempDirectory("gwreplay-srcbench");
    String curlVersion = curlVersion();
    try (BenchLake lake = BenchLake.start(work.resolve("lake"))) {
      // ~50 MB a set in full mode: 0.5-MB 4-s files (per-file costs show) and 4-MB 32-s files (bandwidth).
      List<FileSet> sets = List.of(
          store(lake, 4, quick ? 16 : 64, 1238166016L),
          store(lake, 32, quick ? 2 : 8, 1238170112L));
      System.out.println("| files | MB | case | streams | median s | p90 s | MB/s | files/s | vs curl |");
      System.out.println("| --- | --- | --- | --- | --- | --- | --- | --- | --- |");
      Map<String, List<Double>> latency = new LinkedHashMap<>();
      for (FileSet set : sets) {
        RucioOptions options = lake.options();
        options.setRucioDownloadTimeoutSeconds(60); // the default; the lake's test options use 2 s
        options.setRucioMaxFileSeconds(set.duration); // no extra chunk before the start
        BenchLake.Downloader storage = lake.downloader(options);
        RucioSource source = lake.source("rucio:" + RucioTestLake.SCOPE, options);
        for (int streams : new int[] {1, 3}) {
          Result curl = measure(reps, work, set, (out, perFile) -> curl(set, streams, out, perFile));
          row(set, "curl (baseline)", streams, curl, curl);
          Result dl = measure(reps, work, set, (out, perFile) -> download(storage, set, streams, out, perFile, true, true));
          row(set, "storage download + adler32/md5", streams, dl, curl);
          Result adler = measure(reps, work, set, (out, perFile) -> download(storage, set, streams, out, perFile, true, false));
          row(set, "storage download + adler32 only", streams, adler, curl);
          Result raw = measure(reps, work, set, (out, perFile) -> download(storage, set, streams, out, perFile, false, false));
          row(set, "storage download, size check only", streams, raw, curl);
          Result src = measure(reps, work, set, (out, perFile) -> rucio(source, set, streams, out, perFile));
          row(set, "RucioSource: list + fetch (verified)", streams, src, curl);
          if (streams == 1) {
            latency.put(set.label() + "|curl", curl.perFile);
            latency.put(set.label() + "|storage download + adler32/md5", dl.perFile);
            latency.put(set.label() + "|RucioSource.fetch", src.perFile);
          }
        }
      }
      System.out.println();
      System.out.println("Single-file latency, 1 stream (all files of all timed runs):");
      System.out.println();
      System.out.println("| files | case | p50 ms | p99 ms | p50 vs curl |");
      System.out.println("| --- | --- | --- | --- | --- |");
      for (Map.Entry<String, List<Double>> e : latency.entrySet()) {
        String[] k = e.getKey().split("\\|");
        double p50 = Stats.quantile(e.getValue(), 0.5);
        double curl50 = Stats.quantile(latency.get(k[0] + "|curl"), 0.5);
        System.out.println(Stats.row(k[0], k[1], p50 * 1e3, Stats.quantile(e.getValue(), 0.99) * 1e3, curl50 / p50));
      }
      System.out.println();
      System.out.printf("xrootd (XrdHttp, plain HTTP) on 127.0.0.1, page cache warm; %s; %d timed runs per case after one "
              + "warm-up; every case writes each file into a fresh directory on the same file system (no fsync). "
              + "'vs curl' is curl's median time / ours at the same number of streams (above 1: faster than curl). "
              + "RucioSource rows include the catalog look-ups (name search + replica list over HTTPS, per detector); "
              + "the source and its login are reused across runs.%n", curlVersion, reps);
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

  static Result measure(int reps, Path work, FileSet set, Run run) throws Exception {
    double[] t = new double[reps];
    List<Double> perFile = Collections.synchronizedList(new ArrayList<>());
    for (int i = -1; i < reps; i++) {
      Path out = Files.createDirectory(work.resolve("out-" + System.nanoTime()));
      List<Double> times = i < 0 ? Collections.synchronizedList(new ArrayList<>()) : perFile;
      long t0 = System.nanoTime();
      run.run(out, times);
      double s = (System.nanoTime() - t0) / 1e9;
      if (i >= 0) {
        t[i] = s;
      }
      check(set, out);
      ThroughputBench.delete(out);
    }
    return new Result(t, perFile);
  }

  static void row(FileSet set, String name, int streams, Result r, Result curl) {
    double med = Stats.median(r.seconds);
    double mb = set.bytes() / 1e6;
    System.out.println(Stats.row(set.label(), mb, name, streams, med, Stats.quantile(r.seconds, 0.9), mb / med,
        set.files.size() / med, Stats.median(curl.seconds) / med));
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
