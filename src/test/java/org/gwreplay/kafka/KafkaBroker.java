package org.gwreplay.kafka;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

/**
 * A real Apache Kafka broker (KRaft, one combined broker and controller) in a child JVM on
 * 127.0.0.1, from the kafka_2.13 jars on the test classpath: storage formatted by StorageTool, then
 * kafka.Kafka. It can be killed (as by a crash) and started again on the same ports and log.
 */
final class KafkaBroker implements AutoCloseable {

  private final Path dir;
  private final int port;
  private final int controllerPort;
  private final boolean autoCreate;
  private Process process;

  private KafkaBroker(Path dir, boolean autoCreate) throws IOException {
    this.dir = dir;
    this.autoCreate = autoCreate;
    this.port = freePort();
    this.controllerPort = freePort();
  }

  /** Formats a fresh log directory under {@code dir} and starts the broker; waits until it answers. */
  static KafkaBroker start(Path dir, boolean autoCreateTopics) throws IOException, InterruptedException {
    KafkaBroker b = new KafkaBroker(dir, autoCreateTopics);
    b.writeConfig();
    b.format();
    b.startProcess();
    return b;
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  int port() {
    return port;
  }

  private Path config() {
    return dir.resolve("server.properties");
  }

  private void writeConfig() throws IOException {
    Files.createDirectories(dir);
    String c = String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + dir.resolve("log"),
        "num.partitions=1",
        "auto.create.topics.enable=" + autoCreate,
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "log.flush.interval.messages=1",
        "") ;
    Files.writeString(config(), c);
  }

  private List<String> java(String mainClass, String... args) {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), mainClass));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private void format() throws IOException, InterruptedException {
    Process p = new ProcessBuilder(java("kafka.tools.StorageTool", "format", "-t", uuid(), "-c", config().toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IOException("formatting Kafka storage failed: " + Files.readString(dir.resolve("format.log")));
    }
  }

  private static String uuid() {
    // A Kafka cluster id: 16 random bytes in URL-safe base64 without padding.
    UUID u = UUID.randomUUID();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits());
    String id = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
    // A leading '-' would read as an option to StorageTool: any other first character is as good.
    return id.startsWith("-") ? "A" + id.substring(1) : id;
  }

  /** Starts the broker process (again, after {@link #kill}) and waits until a client gets an answer. */
  void startProcess() throws IOException, InterruptedException {
    process = new ProcessBuilder(java("kafka.Kafka", config().toString()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("broker.log").toFile())).start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("the Kafka broker exited (" + process.exitValue() + "); see " + dir.resolve("broker.log"));
      }
      if (answers()) {
        return;
      }
      Thread.sleep(250);
    }
    throw new IOException("the Kafka broker did not come up within 120 s; see " + dir.resolve("broker.log"));
  }

  private boolean answers() {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.close();
    } catch (IOException e) {
      return false;
    }
    try (Admin a = admin()) {
      a.describeCluster().nodes().get(5, TimeUnit.SECONDS);
      return true;
    } catch (Exception e) {
      return false;
    }
  }

  Admin admin() {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
    return Admin.create(p);
  }

  void createTopics(String... names) throws Exception {
    try (Admin a = admin()) {
      List<NewTopic> topics = new ArrayList<>();
      for (String n : names) {
        topics.add(new NewTopic(n, 1, (short) 1));
      }
      a.createTopics(topics).all().get(30, TimeUnit.SECONDS);
    }
  }

  /** Kills the broker at once, as a crash would (SIGKILL). */
  void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Override
  public void close() throws InterruptedException {
    kill();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
