package org.gwreplay.bench;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.gwreplay.cli.Main;

/**
 * The {@code gwreplay} command ({@link Main}) in a JVM of its own with a bounded heap, watched
 * over JMX (attach API): so the heap measured is the replay's alone, not that of the lake and the
 * checks running beside it in the benchmark's JVM. Its log (stderr) and summary (stdout) go to
 * files.
 */
final class ReplayProcess implements AutoCloseable {

  private final Process process;
  private JMXConnector jmx;
  private MemoryMXBean memory;
  private List<GarbageCollectorMXBean> collectors;
  private com.sun.management.OperatingSystemMXBean os;

  private ReplayProcess(Process process) {
    this.process = process;
  }

  /** Starts {@code java -Xmx<maxHeap> ... org.gwreplay.cli.Main args} with this JVM's classpath and --add-opens. */
  static ReplayProcess start(List<String> args, String maxHeap, Path stdout, Path stderr) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-opens")) {
        cmd.add(a); // Beam and its runners need the same module openings as here
      }
    }
    cmd.add("-Xmx" + maxHeap);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(args);
    Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
    return new ReplayProcess(p);
  }

  /** Connects to the JVM's platform MBeans; retried while the JVM is still starting. */
  void attach() throws Exception {
    Exception last = null;
    for (int i = 0; i < 100 && process.isAlive(); i++) {
      try {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(process.pid()));
        String url;
        try {
          url = vm.startLocalManagementAgent();
        } finally {
          vm.detach();
        }
        jmx = JMXConnectorFactory.connect(new JMXServiceURL(url));
        MBeanServerConnection c = jmx.getMBeanServerConnection();
        memory = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
        collectors = ManagementFactory.getPlatformMXBeans(c, GarbageCollectorMXBean.class);
        os = ManagementFactory.newPlatformMXBeanProxy(c, ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME,
            com.sun.management.OperatingSystemMXBean.class);
        return;
      } catch (Exception e) {
        last = e;
        Thread.sleep(100);
      }
    }
    throw new IOException("cannot attach to the replay's JVM (pid " + process.pid() + ")", last);
  }

  long heapUsed() {
    return memory.getHeapMemoryUsage().getUsed();
  }

  long heapMax() {
    return memory.getHeapMemoryUsage().getMax();
  }

  /** CPU time of the replay's JVM so far. */
  long cpuNanos() {
    return os.getProcessCpuTime();
  }

  /**
   * A full collection in the replay's JVM. System.gc() can be skipped while a thread holds a
   * critical array (zlib does, inflating and deflating frames): it is asked again until one ran.
   */
  void fullGc() throws InterruptedException {
    long before = fullCollections();
    for (int i = 0; i < 10 && fullCollections() == before; i++) {
      memory.gc();
      if (fullCollections() == before) {
        Thread.sleep(20);
      }
    }
  }

  /** Collections of the whole heap so far (G1: "G1 Old Generation"; young collections left out). */
  private long fullCollections() {
    long n = 0;
    for (GarbageCollectorMXBean gc : collectors) {
      if (!gc.getName().contains("Young")) {
        n += Math.max(0, gc.getCollectionCount());
      }
    }
    return n;
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Waits for the replay to end; returns its exit status. */
  int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  @Override
  public void close() throws IOException {
    if (jmx != null) {
      try {
        jmx.close();
      } catch (IOException e) {
        // the replay's JVM has gone
      }
    }
    if (process.isAlive()) {
      process.destroy();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
