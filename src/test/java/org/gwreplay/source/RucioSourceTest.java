package org.gwreplay.source;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gwreplay.rucio.FaultyStorage;
import org.gwreplay.rucio.FileUnavailableException;
import org.gwreplay.rucio.LogCapture;
import org.gwreplay.rucio.RucioTestLake;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code rucio:} source end to end on loopback: a real xrootd storage element serving the
 * files over HTTP, a test Rucio API (both from {@link RucioTestLake}), and {@link FaultyStorage} for
 * replicas that fail. Skipped (with the reason) when xrootd cannot run, failed under CI=true.
 */
class RucioSourceTest {
  private static final long T0 = 1238166000L;
  @TempDir Path dir;
  private RucioTestLake lake;
  private FaultyStorage faulty;
  private LogCapture log;
  private final Map<String, byte[]> contents = new LinkedHashMap<>();

  @BeforeEach
  void start() throws Exception {
    lake = RucioTestLake.start(dir);
    faulty = new FaultyStorage();
    log = new LogCapture();
  }

  @AfterEach
  void stop() {
    if (lake == null || log == null) {
      return; // skipped: no storage element
    }
    log.close();
    faulty.close();
    lake.close();
    String out = log.text();
    assertThat("no password in logs", out, not(containsString(RucioTestLake.PASSWORD)));
    assertThat("no token in logs", out, not(containsString("-gwreplay-127.0.0.1-")));
  }

  private static String name(String ifo, long gps, long dur) {
    return ifo.charAt(0) + "-" + ifo + "_llhoft-" + gps + "-" + dur + ".gwf";
  }

  private byte[] frame(String name) {
    byte[] b = new byte[2000 + new Random(name.hashCode()).nextInt(3000)];
    new Random(name.hashCode() * 31L).nextBytes(b);
    contents.put(name, b);
    return b;
  }

  private String store(String name) throws Exception {
    return lake.register(name, frame(name));
  }

  private static List<SourceFile> all(Iterator<SourceFile> it) {
    List<SourceFile> out = new ArrayList<>();
    it.forEachRemaining(out::add);
    return out;
  }

  private static List<Long> starts(List<SourceFile> files) {
    return files.stream().map(SourceFile::gpsStart).toList();
  }

  @Test
  void datasetSpanningAGpsRangeWithAGap() throws Exception {
    List<String> names = new ArrayList<>();
    for (long t = T0; t < T0 + 20; t++) {
      if (t >= T0 + 5 && t < T0 + 8) {
        continue; // detector off: no files
      }
      String n = name("H1", t, 1);
      String adler = store(n);
      assertThat("catalog adler32 is what xrdadler32 prints", adler, equalTo(RucioTestLake.adler32(contents.get(n))));
      names.add(n);
    }
    lake.addToDataset("O3_llhoft_H1", names.toArray(new String[0]));
    RucioSource src = LakeSources.source(lake, "rucio:" + RucioTestLake.SCOPE + ":O3_llhoft_{ifo}");

    List<SourceFile> files = all(src.files("H1", T0 + 2, T0 + 12));
    assertThat(starts(files), contains(T0 + 2, T0 + 3, T0 + 4, T0 + 8, T0 + 9, T0 + 10, T0 + 11));
    for (SourceFile f : files) {
      assertArrayEquals(contents.get(f.name().toString()), src.fetch(f), f.name().toString());
      assertThat(f.adler32(), equalTo(RucioTestLake.adler32(contents.get(f.name().toString()))));
    }
    assertThat("one /files call for the dataset, one replica list", lake.catalogCalls(), equalTo(2));
    // A named dataset that does not exist is an error; one of a per-span series is a gap.
    java.io.UncheckedIOException e = assertThrows(java.io.UncheckedIOException.class, () -> all(src.files("L1", T0, T0 + 20)));
    assertThat(e.getMessage(), containsString("DataIdentifierNotFound: Data identifier 'ligo:O3_llhoft_L1' not found"));
    assertThat(all(LakeSources.source(lake, "rucio:ligo:O3_llhoft_{ifo}_{gps/100000}").files("L1", T0, T0 + 20)), empty());
  }

  @Test
  void nameSearchIsChunkedLazyAndNarrow() throws Exception {
    // Files every 100 s over 5000 s, plus traps the wildcard also matches.
    for (long t = T0 - 1000; t < T0 + 4000; t += 100) {
      store(name("H1", t, 1));
    }
    String overlapping = name("H1", T0 - 10, 32); // starts before the range, ends inside it
    store(overlapping);
    store(name("H1", 12381660001L, 1)); // 11-digit GPS: matches 'H-H1_llhoft-1238166*' but is not in the chunk
    store(name("L1", T0 + 1, 1));
    lake.addToDataset("H-H1_llhoft-1238166000-dataset.gwf"); // a dataset DID the search also returns
    lake.registerWithReplicas("H-H1_llhoft-1238166/../../evil-1.gwf", new byte[1], Map.of()); // hostile name
    RucioSourceOptions o = LakeSources.options(lake);
    o.setRucioMaxFileSeconds(64);
    RucioSource src = LakeSources.source("rucio:" + RucioTestLake.SCOPE, o);

    Iterator<SourceFile> it = src.files("H1", T0, T0 + 3000);
    assertThat("nothing asked before the first file is wanted", lake.catalogSearches(), empty());
    SourceFile first = it.next();
    assertThat(first.name().toString(), equalTo(overlapping));
    assertThat(lake.catalogSearches(), contains("H-H1_llhoft-1238165*-*.gwf"));
    List<SourceFile> rest = all(it);
    assertThat(rest, hasSize(30));
    assertThat(starts(rest).get(0), equalTo(T0));
    assertThat(starts(rest).get(29), equalTo(T0 + 2900));
    assertThat(lake.catalogSearches(), contains("H-H1_llhoft-1238165*-*.gwf", "H-H1_llhoft-1238166*-*.gwf",
        "H-H1_llhoft-1238167*-*.gwf", "H-H1_llhoft-1238168*-*.gwf"));
    assertThat(lake.catalogSearches(), everyItem(startsWith("H-H1_llhoft-123816")));
    assertThat(lake.catalogRequests(), everyItem(not(containsString("limit="))));
    assertArrayEquals(contents.get(name("H1", T0 + 2900, 1)), src.fetch(rest.get(29)));
  }

  @Test
  void fileWithoutReplicaIsReportedNotDropped() throws Exception {
    store(name("H1", T0, 1));
    String lost = name("H1", T0 + 1, 1);
    lake.registerWithReplicas(lost, frame(lost), Map.of());
    store(name("H1", T0 + 2, 1));
    lake.addToDataset("ds", name("H1", T0, 1), lost, name("H1", T0 + 2, 1));
    RucioSource src = LakeSources.source(lake, "rucio:" + RucioTestLake.SCOPE + ":ds");
    List<SourceFile> files = all(src.files("H1", T0, T0 + 3));
    assertThat(starts(files), contains(T0, T0 + 1, T0 + 2));
    assertThat(log.text(), containsString("gap: ligo:" + lost + " is in the catalog but has no usable replica"));
    FileUnavailableException e = assertThrows(FileUnavailableException.class, () -> src.fetch(files.get(1)));
    assertThat(e.getMessage(), containsString("the catalog lists no replica"));
    assertArrayEquals(contents.get(name("H1", T0 + 2, 1)), src.fetch(files.get(2)));
  }

  /** A file whose first replicas are sick and whose last is the real xrootd copy. */
  private SourceFile withReplicas(String n, String... faultKinds) throws Exception {
    byte[] data = frame(n);
    lake.register(n, data);
    Map<String, String> replicas = new LinkedHashMap<>();
    for (String kind : faultKinds) {
      replicas.put(faulty.url(kind, data.length, n), "SICK_" + kind.toUpperCase());
    }
    replicas.put(lake.storageUrl(n), RucioTestLake.RSE);
    lake.registerWithReplicas(n, data, replicas);
    return all(LakeSources.source(lake, "rucio:" + RucioTestLake.SCOPE).files("H1", gps(n), gps(n) + 1)).get(0);
  }

  private static long gps(String name) {
    return org.gwreplay.gwf.FrameFileName.parse(name).gpsStart();
  }

  @Test
  void replicaAnswering500FailsOverToTheNext() throws Exception {
    String n = name("H1", T0, 1);
    SourceFile f = withReplicas(n, "500");
    assertArrayEquals(contents.get(n), LakeSources.source(lake, "rucio:ligo").fetch(f));
    assertThat("two attempts on the sick replica", faulty.requests(), equalTo(2));
  }

  @Test
  void corruptReplicaFailsAdler32AndOverToTheNext() throws Exception {
    String n = name("H1", T0, 1);
    SourceFile f = withReplicas(n, "corrupt");
    assertArrayEquals(contents.get(n), LakeSources.source(lake, "rucio:ligo").fetch(f));
    assertThat(log.text(), containsString("corrupt (adler32 "));
  }

  @Test
  void hangingAndStallingReplicasTimeOut() throws Exception {
    String n = name("H1", T0, 1);
    SourceFile f = withReplicas(n, "hang", "stall");
    RucioSourceOptions o = LakeSources.options(lake);
    o.setRucioReplicaAttempts(1);
    long t0 = System.nanoTime();
    assertArrayEquals(contents.get(n), LakeSources.source("rucio:ligo", o).fetch(f));
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertThat("two 2-s timeouts, then the good copy", seconds, lessThan(8.0));
    assertThat(log.text(), containsString("no answer within 2 s"));
    assertThat(log.text(), containsString("body not complete within 2 s"));
  }

  @Test
  void shortBodyFailsOverToTheNext() throws Exception {
    String n = name("H1", T0, 1);
    SourceFile f = withReplicas(n, "short");
    assertArrayEquals(contents.get(n), LakeSources.source(lake, "rucio:ligo").fetch(f));
    assertThat(faulty.requests(), equalTo(2));
  }

  @Test
  void bodyLongerThanTheCatalogSaysIsRefused() throws Exception {
    String n = name("H1", T0, 1);
    SourceFile f = withReplicas(n, "announce-more", "chunked-long");
    RucioSourceOptions o = LakeSources.options(lake);
    o.setRucioReplicaAttempts(1);
    assertArrayEquals(contents.get(n), LakeSources.source("rucio:ligo", o).fetch(f));
    long size = contents.get(n).length;
    assertThat(log.text(), containsString("server announces " + (size + 1) + " bytes, catalog says " + size));
    // Without a Content-Length the body is read to one byte past the catalog size, no further.
    assertThat(log.text(), containsString("corrupt (size " + (size + 1) + " bytes, catalog says " + size));
  }

  @Test
  void chunkedBodyWithoutContentLengthIsAccepted() throws Exception {
    String n = name("H1", T0, 1);
    SourceFile f = withReplicas(n, "chunked");
    faulty.serveChunked(n, contents.get(n));
    assertArrayEquals(contents.get(n), LakeSources.source(lake, "rucio:ligo").fetch(f));
    assertThat("the chunked replica served it", faulty.requests(), equalTo(1));
    assertThat(log.text(), not(containsString("attempt 1/")));
  }

  @Test
  void allReplicasBadIsATypedErrorListingEachReason() throws Exception {
    String n = name("H1", T0, 1);
    byte[] data = frame(n);
    Map<String, String> replicas = new LinkedHashMap<>();
    replicas.put(faulty.url("500", data.length, n) + "?authz=SIGNED-SECRET", "SICK_500");
    replicas.put(faulty.url("corrupt", data.length, n), "SICK_CORRUPT");
    lake.registerWithReplicas(n, data, replicas);
    RucioSource src = LakeSources.source(lake, "rucio:ligo");
    SourceFile f = all(src.files("H1", T0, T0 + 1)).get(0);
    FileUnavailableException e = assertThrows(FileUnavailableException.class, () -> src.fetch(f));
    assertThat(e.reasons(), hasSize(2));
    assertThat(e.getMessage(), allOf(containsString("no intact replica of ligo:" + n),
        containsString("SICK_500 http://127.0.0.1:"), containsString("HTTP 500 (2 attempt(s))"),
        containsString("SICK_CORRUPT"), containsString("corrupt (adler32")));
    assertThat(e.getMessage(), not(containsString("SIGNED-SECRET")));
    assertThat(e.getMessage(), not(containsString(RucioTestLake.PASSWORD)));
  }

  @Test
  void rootReplicaViaXrdcp() throws Exception {
    String n = name("H1", T0, 1);
    byte[] data = frame(n);
    lake.register(n, data);
    lake.registerWithReplicas(n, data, Map.of(lake.storageRootUrl(n), RucioTestLake.RSE));
    RucioSourceOptions o = LakeSources.options(lake);
    o.setRucioSchemes("root");
    RucioSource src = LakeSources.source("rucio:ligo", o);
    org.junit.jupiter.api.Assumptions.assumeTrue(RucioTestLake.canFetchRoot(), "xrdcp not installed");
    assertArrayEquals(data, src.fetch(all(src.files("H1", T0, T0 + 1)).get(0)));
  }

  @Test
  void travelsSerializedWithoutTokensAndDescribesWithoutSecrets() throws Exception {
    String n = name("H1", T0, 1);
    store(n);
    RucioSource src = LakeSources.source(lake, "rucio:ligo");
    all(src.files("H1", T0, T0 + 1)); // logs in: a token now exists in this instance
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(src);
    }
    String serialized = new String(bytes.toByteArray(), StandardCharsets.ISO_8859_1);
    assertThat("no token travels", serialized, not(containsString("-gwreplay-127.0.0.1-")));
    assertThat("no password travels: workers read it again from rucio.cfg", serialized, not(containsString(RucioTestLake.PASSWORD)));
    FrameSource copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (FrameSource) in.readObject();
    }
    SourceFile f = all(copy.files("H1", T0, T0 + 1)).get(0);
    assertArrayEquals(contents.get(n), copy.fetch(f));
    assertThat(copy.describe(), allOf(containsString("rucio:ligo"), containsString("userpass"),
        not(containsString(RucioTestLake.PASSWORD))));
  }
}
