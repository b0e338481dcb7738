package org.gwreplay.source;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gwreplay.rucio.RucioTestLake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rough numbers for the lake path on loopback (listing, replica lists, fetch + verify from
 * xrootd). Run on demand: {@code mvn -o test -Dtest=RucioLakeMeasureTest -Dgwreplay.measure=1000}
 * (the number of 1-s files, 100 kB each).
 */
class RucioLakeMeasureTest {
  @TempDir Path dir;

  @Test
  void listAndFetch() throws Exception {
    String n = System.getProperty("gwreplay.measure");
    assumeTrue(n != null, "measurement only: set -Dgwreplay.measure=FILES");
    int files = Integer.parseInt(n);
    long t0 = 1238166000L;
    try (RucioTestLake lake = RucioTestLake.start(dir)) {
      byte[] data = new byte[100_000];
      new Random(1).nextBytes(data);
      for (int i = 0; i < files; i++) {
        String name = "H-H1_llhoft-" + (t0 + i) + "-1.gwf";
        lake.registerWithReplicas(name, data, Map.of(lake.storeUnregistered(name, data), RucioTestLake.RSE));
      }
      for (long chunk : new long[] {100, 1000}) {
        RucioSourceOptions o = LakeSources.options(lake);
        o.setRucioChunkSeconds(chunk);
        o.setRucioMaxFileSeconds(1);
        RucioSource src = LakeSources.source("rucio:ligo", o);
        int before = lake.catalogSearches().size();
        long s = System.nanoTime();
        List<SourceFile> all = new ArrayList<>();
        Iterator<SourceFile> it = src.files("H1", t0, t0 + files);
        it.forEachRemaining(all::add);
        double listMs = (System.nanoTime() - s) / 1e6;
        s = System.nanoTime();
        long bytes = 0;
        for (SourceFile f : all) {
          bytes += src.fetch(f).length;
        }
        double fetchS = (System.nanoTime() - s) / 1e9;
        System.out.printf("MEASURE chunk=%d s: %d files listed in %.0f ms with %d searches; fetched+verified %.1f MB in %.2f s (%.0f files/s, %.1f MB/s)%n",
            chunk, all.size(), listMs, lake.catalogSearches().size() - before, bytes / 1e6, fetchS, all.size() / fetchS, bytes / 1e6 / fetchS);
      }
    }
  }
}
