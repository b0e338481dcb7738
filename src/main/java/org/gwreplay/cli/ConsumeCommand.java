package org.gwreplay.cli;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gwreplay.gwf.Detectors;
import org.gwreplay.kafka.FrameConsumer;
import org.gwreplay.kafka.FrameStream;
import org.gwreplay.kafka.KafkaClients;
import org.gwreplay.kafka.KafkaSettings;
import org.gwreplay.kafka.KafkaUnavailableException;
import org.gwreplay.kafka.KafkaUrl;
import org.gwreplay.sink.SharedDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code gwreplay consume --from=kafka://HOST:PORT/TOPIC --output=DIR}: the other end of a Kafka
 * replay, like igwn-lldd-common's kafka2frame: frames reassembled from partition 0 of each
 * detector's topic, verified, written atomically into the shared volume with retention; late and
 * lost frames reported. Runs until stopped (SIGINT/SIGTERM), --max-runtime or --max-frames.
 */
final class ConsumeCommand {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumeCommand.class);
  private static final Set<String> OPTIONS = Set.of("from", "output", "detectors", "tag", "layout", "retention", "start",
      "max-runtime", "max-frames", "late-after", "kafka-property", "kafka-config");

  private ConsumeCommand() {}

  static String help() {
    return String.join("\n",
        "Usage: gwreplay consume --from=kafka://HOST:PORT/TOPIC --output=DIR [options]",
        "  --from=kafka://HOST:PORT/TOPIC  topic to read (partition 0); {IFO} in it for each detector's, e.g. {IFO}_llhoft",
        "  --output=DIR                    shared volume: files land in DIR/<layout>/OBS-TAG-GPS-DUR.gwf",
        "  --detectors=H1,L1,V1            detectors whose topics are read (default H1,L1,V1 with {IFO}; else the topic's prefix)",
        "  --tag=TAG                       tag of the file names, {ifo} allowed (default: the topic, e.g. H1_llhoft)",
        "  --layout={ifo}                  sub-directory per detector ({ifo}, {site})",
        "  --retention=300                 seconds of data kept; 0 keeps all",
        "  --start=latest|earliest         read from now on (default, as kafka2frame) or all the topic holds",
        "  --late-after=5                  a frame written more than this many seconds after the broker took it is late",
        "  --max-runtime=SECONDS           stop after this long (default: run until stopped)",
        "  --max-frames=N                  stop after writing N frames",
        "  --kafka-property=KEY=VALUE      Kafka client setting as Kafka spells it (repeatable); --kafka-config=FILE for a file",
        "Exit status: 0 stopped, 1 the broker could not be reached or the volume failed, 2 bad options.",
        "");
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> o = new LinkedHashMap<>();
    List<String> props = new ArrayList<>();
    FrameConsumer consumer;
    FrameStream stream;
    long maxRuntimeMs;
    long maxFrames;
    try {
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        if (a.equals("--help") || a.equals("-h")) {
          out.print(help());
          return 0;
        }
        if (!a.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument '" + a + "' (options look like --name=value)");
        }
        int eq = a.indexOf('=');
        String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
        String value = eq < 0 ? (i + 1 < args.length ? args[++i] : null) : a.substring(eq + 1);
        if (!OPTIONS.contains(name)) {
          throw new IllegalArgumentException("unknown option --" + name + " (see gwreplay consume --help)");
        }
        if (value == null) {
          throw new IllegalArgumentException("--" + name + " needs a value");
        }
        if (name.equals("kafka-property")) {
          props.add(value);
        } else {
          o.put(name, value);
        }
      }
      if (!o.containsKey("from")) {
        throw new IllegalArgumentException("--from=kafka://HOST:PORT/TOPIC is required");
      }
      if (!o.containsKey("output")) {
        throw new IllegalArgumentException("--output=DIR is required: the shared volume to write into");
      }
      KafkaUrl url = KafkaUrl.parse(o.get("from"));
      Map<String, String> settings = KafkaSettings.of(o.get("kafka-config"), props);
      Map<String, String> topics = new LinkedHashMap<>();
      for (String d : detectors(o.get("detectors"), url)) {
        topics.put(d, url.topicFor(d));
      }
      Path output = Path.of(o.get("output")).toAbsolutePath().normalize();
      SharedDirectory.checkWritable(output);
      String layout = o.getOrDefault("layout", SharedDirectory.DEFAULT_LAYOUT);
      SharedDirectory.checkLayout(layout);
      String tag = o.getOrDefault("tag", url.topicPattern().replace("{IFO}", "{ifo}"));
      if (tag.replace("{ifo}", "H1").contains("-")) {
        throw new IllegalArgumentException("--tag must have no hyphen (file names are OBS-TAG-GPS-DUR.gwf): '" + tag + "'; give --tag");
      }
      long retention = number(o, "retention", 300);
      long lateAfter = number(o, "late-after", 5);
      maxRuntimeMs = number(o, "max-runtime", 0) * 1000;
      maxFrames = number(o, "max-frames", 0);
      String start = o.getOrDefault("start", "latest");
      if (!start.equals("latest") && !start.equals("earliest")) {
        throw new IllegalArgumentException("--start is latest or earliest, not '" + start + "'");
      }
      KafkaClients.check(url, settings, topics.values());
      consumer = new FrameConsumer(topics, output, layout, tag, retention, lateAfter * 1000);
      stream = new FrameStream(url.bootstrap(), settings, topics.values(), start.equals("earliest"), consumer);
      LOG.info("reading {} on {} from the {} into {} ({})", String.join(", ", topics.values()), url.bootstrap(),
          start.equals("earliest") ? "beginning" : "end", output, KafkaSettings.describe(settings));
    } catch (IllegalArgumentException e) {
      err.println("gwreplay consume: " + e.getMessage());
      return 2;
    } catch (KafkaUnavailableException e) {
      err.println("gwreplay consume: " + e.getMessage());
      return 1;
    }
    AtomicBoolean stopped = new AtomicBoolean();
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    // SIGTERM/SIGINT: the frame being written is finished (no temporary file left) and the summary printed.
    Thread hook = new Thread(() -> {
      stopped.set(true);
      try {
        done.await(10, java.util.concurrent.TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "gwreplay-consume-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    long t0 = System.currentTimeMillis();
    long[] lastLog = {t0};
    try {
      consumer.run(stream, () -> {
        long now = System.currentTimeMillis();
        if (now - lastLog[0] >= 10_000) {
          lastLog[0] = now;
          consumer.summary().lines().forEach(LOG::info);
        }
        return stopped.get() || (maxRuntimeMs > 0 && now - t0 >= maxRuntimeMs) || (maxFrames > 0 && consumer.totalWritten() >= maxFrames);
      });
    } catch (UncheckedIOException e) {
      err.println("gwreplay consume: " + e.getMessage());
      out.print(consumer.summary());
      done.countDown();
      return 1;
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is stopping: the hook has run
      }
    }
    out.print(consumer.summary());
    out.flush();
    done.countDown();
    return 0;
  }

  private static List<String> detectors(String value, KafkaUrl url) {
    List<String> out = new ArrayList<>();
    if (value == null) {
      if (url.perDetector()) {
        return List.of("H1", "L1", "V1");
      }
      String prefix = url.topicPattern().split("[_.-]", 2)[0];
      if (!Detectors.isKnown(prefix)) {
        throw new IllegalArgumentException("give --detectors: topic " + url.topicPattern() + " does not start with a detector's name");
      }
      return List.of(prefix);
    }
    for (String d : value.split(",")) {
      d = d.trim();
      if (!Detectors.isKnown(d)) {
        throw new IllegalArgumentException("unknown detector '" + d + "' (known: " + String.join(", ", Detectors.known()) + ")");
      }
      if (!out.contains(d)) {
        out.add(d);
      }
    }
    if (out.size() > 1 && !url.perDetector()) {
      throw new IllegalArgumentException("several detectors cannot share one topic: put {IFO} in it, e.g. {IFO}_llhoft");
    }
    return out;
  }

  private static long number(Map<String, String> o, String name, long dflt) {
    String v = o.get(name);
    if (v == null) {
      return dflt;
    }
    try {
      long n = Long.parseLong(v.trim());
      if (n < 0) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + name + " must be a whole number >= 0, not '" + v + "'");
    }
  }
}
