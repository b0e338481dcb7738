package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.beam.sdk.PipelineResult;
import org.gwreplay.cli.ReplayJob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An unpaced replay cut into GPS shards over every slot writes exactly the files of a one-shard
 * run: same names, same bytes; on the direct runner and on embedded Flink.
 */
class ShardedReplayTest {

  @TempDir Path tmp;

  private static final long START = 1238166016;

  private Map<String, byte[]> replay(String name, String... runner) throws Exception {
    Path out = tmp.resolve(name);
    String[] common = {"--source=demo", "--detectors=H1", "--gps-start=" + START, "--gps-end=" + (START + 200),
        "--speed=max", "--retention=0", "--output=" + out, "--status-file=none"};
    String[] args = Stream.concat(Stream.of(common), Stream.of(runner)).toArray(String[]::new);
    ReplayJob job = ReplayJob.fromArgs(args, Instant.now());
    assertThat(job.pipeline().run().waitUntilFinish(), equalTo(PipelineResult.State.DONE));
    return files(out.resolve("H1"));
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> m = new TreeMap<>();
    try (Stream<Path> s = Files.list(dir)) {
      for (Path p : s.toList()) {
        m.put(p.getFileName().toString(), Files.readAllBytes(p));
      }
    }
    return m;
  }

  private static void assertSame(Map<String, byte[]> a, Map<String, byte[]> b) {
    assertThat(b.keySet(), equalTo(a.keySet()));
    a.forEach((n, bytes) -> assertThat(n, java.util.Arrays.equals(bytes, b.get(n)), equalTo(true)));
  }

  @Test
  void directRunnerShardsWriteWhatOneShardWrites() throws Exception {
    Map<String, byte[]> one = replay("one", "--targetParallelism=1");
    Map<String, byte[]> four = replay("four", "--targetParallelism=4");
    assertThat(one.size(), equalTo(200));
    assertSame(one, four);
  }

  @Test
  void flinkShardsWriteWhatOneShardWrites() throws Exception {
    Map<String, byte[]> one = replay("one", "--targetParallelism=1");
    Map<String, byte[]> flink = replay("flink", "--runner=FlinkRunner", "--flink-master=[local]", "--parallelism=2");
    assertThat(flink.size(), greaterThan(0));
    assertSame(one, flink);
  }
}
