package org.gwreplay.sink;

import com.google.auto.value.AutoValue;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.state.BagState;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.values.KV;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.replay.ReplayFrame;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes released frames into a shared directory the way live low-latency data arrives: each
 * file appears whole (hidden temp file, fsync, rename), in {@code <output>/<layout>/}, and files
 * whose data ended more than the retention span before the newest are deleted.
 *
 * <pre>{@code
 * frames.apply(SharedVolumeSink.write().to("/dev/shm/llhoft").withRetentionSeconds(300));
 * }</pre>
 */
@AutoValue
public abstract class SharedVolumeSink extends PTransform<PCollection<ReplayFrame>, PDone> {

  public static final long DEFAULT_RETENTION_SECONDS = 300;

  abstract String output();

  abstract String layout();

  /** Seconds of data kept behind the newest file; 0 keeps everything. */
  abstract long retentionSeconds();

  /** Leave a frame file that already exists as it is (a resumed replay wrote it before). */
  abstract boolean skipExisting();

  /** The replay clock, to measure each release's lateness as a metric; null for none. */
  abstract @org.checkerframework.checker.nullness.qual.Nullable ReplayClock clock();

  abstract Builder toBuilder();

  @AutoValue.Builder
  abstract static class Builder {
    abstract Builder setOutput(String output);

    abstract Builder setLayout(String layout);

    abstract Builder setRetentionSeconds(long seconds);

    abstract Builder setSkipExisting(boolean skip);

    abstract Builder setClock(ReplayClock clock);

    abstract SharedVolumeSink build();
  }

  public static SharedVolumeSink write() {
    return new AutoValue_SharedVolumeSink.Builder()
        .setOutput("")
        .setLayout(SharedDirectory.DEFAULT_LAYOUT)
        .setRetentionSeconds(DEFAULT_RETENTION_SECONDS)
        .setSkipExisting(false)
        .setClock(null)
        .build();
  }

  public SharedVolumeSink to(String output) {
    return toBuilder().setOutput(output).build();
  }

  /** Sub-directory pattern below the output: {@code {ifo}} (H1) and {@code {site}} (H) are replaced. */
  public SharedVolumeSink withLayout(String layout) {
    SharedDirectory.checkLayout(layout);
    return toBuilder().setLayout(layout).build();
  }

  public SharedVolumeSink withRetentionSeconds(long seconds) {
    if (seconds < 0) {
      throw new IllegalArgumentException("retention must not be negative: " + seconds);
    }
    return toBuilder().setRetentionSeconds(seconds).build();
  }

  /**
   * Leaves files that already exist untouched; for resumed replays, whose frames have the same
   * names and bytes as the ones the interrupted run wrote.
   */
  public SharedVolumeSink withSkipExisting(boolean skip) {
    return toBuilder().setSkipExisting(skip).build();
  }

  /** Reports, as Beam metrics, how late after its scheduled release each file was written. */
  public SharedVolumeSink withLatenessAgainst(ReplayClock clock) {
    return toBuilder().setClock(clock).build();
  }

  @Override
  public PDone expand(PCollection<ReplayFrame> frames) {
    if (output().isEmpty()) {
      throw new IllegalArgumentException("SharedVolumeSink needs an output directory: .to(dir)");
    }
    boolean paced = clock() != null && clock().isPaced();
    // The clock only where lateness is measured: less for the direct runner to serialise per bundle.
    FrameFileWriter files = new FrameFileWriter(output(), layout(), retentionSeconds(), skipExisting(), paced ? clock() : null);
    if (!paced) {
      // A batch (speed max): no reader follows the files as they come, and a detector may be read
      // in GPS shards side by side, so frames are written as they come.
      frames.apply("WriteFrameFiles", ParDo.of(new AsTheyCome(files)));
      return PDone.in(frames.getPipeline());
    }
    // One stream per detector, in GPS order. Frames released together (at the start, or catching
    // up after a slow download, when several windows fire at once) reach the sink in any order,
    // and the direct runner may write them on several threads; consumers that follow the newest
    // file (PyCBC Live) or skip files older than the one expected (DevShmSource) would miss some.
    // Keyed state has the runner write one detector's frames one at a time, each after the frame
    // before it (which the reader names in it).
    frames
        .apply("KeyByDetector", WithKeys.of(ReplayFrame::detector).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ReplayFrame.Coder.of()))
        .apply("OneStreamPerDetector", Window.<KV<String, ReplayFrame>>into(new GlobalWindows()))
        .apply("WriteFrameFilesInOrder", ParDo.of(new WriteFn(files)));
    return PDone.in(frames.getPipeline());
  }

  /** Where and how files are written, for the runner's UI. */
  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder.add(DisplayData.item("output", output()).withLabel("Output directory"))
        .add(DisplayData.item("layout", layout()).withLabel("Sub-directory per detector"))
        .add(DisplayData.item("retentionSeconds", retentionSeconds()).withLabel("Data seconds kept (0: all)"))
        .add(DisplayData.item("skipExisting", skipExisting()).withLabel("Existing files left as they are"))
        .add(DisplayData.item("inOrder", clock() != null && clock().isPaced()).withLabel("Written in GPS order per detector"));
  }

  /**
   * Writes each frame as it comes (unpaced replays), made visible a bundle at a time: no consumer
   * follows a batch replay file by file, and one flush of the disk a bundle costs far less than two a
   * file. When the bundle finishes its files are whole, durable and in place, as Beam expects of a
   * bundle's side effects before the runner checkpoints past it.
   */
  static final class AsTheyCome extends DoFn<ReplayFrame, Void> {
    private final FrameFileWriter files;
    private transient AtomicFiles.Batch batch;

    AsTheyCome(FrameFileWriter files) {
      this.files = files;
    }

    @Setup
    public void setup() {
      batch = new AtomicFiles.Batch();
    }

    /** Nothing a failed bundle left behind is published with this one. */
    @StartBundle
    public void startBundle() {
      batch.abort();
    }

    @ProcessElement
    public void process(@Element ReplayFrame frame) throws IOException {
      files.write(frame, batch);
    }

    @FinishBundle
    public void finishBundle() throws IOException {
      List<Path> committed;
      try {
        committed = batch.commit();
      } catch (IOException e) {
        // The batch's message names the file and why.
        throw new IOException("cannot write frame files into " + files.output() + ": " + e.getMessage(), e);
      }
      // The retention ring counts visible files only: it turns once the bundle's files are in place.
      Map<Path, FrameFileName> newest = new LinkedHashMap<>();
      for (Path p : committed) {
        FrameFileName name = FrameFileName.parse(p.getFileName().toString());
        newest.merge(p.getParent(), name, (a, b) -> b.gpsEnd() > a.gpsEnd() ? b : a);
      }
      for (Map.Entry<Path, FrameFileName> e : newest.entrySet()) {
        files.expire(e.getKey(), e.getValue());
      }
    }

    /** A bundle that failed leaves no temporary file behind, nor threads. */
    @Teardown
    public void teardown() {
      if (batch != null) {
        batch.close();
      }
    }
  }

  static final class WriteFn extends DoFn<KV<String, ReplayFrame>, Void> {
    /** Frames held until the frame before them is written; more than this and they go out anyway, in order. */
    static final int MAX_HELD = 64;

    /** Data start of the detector's newest frame written. */
    @StateId("newest")
    private final StateSpec<ValueState<Long>> newestSpec = StateSpecs.value(VarLongCoder.of());

    @StateId("held")
    private final StateSpec<BagState<ReplayFrame>> heldSpec = StateSpecs.bag(ReplayFrame.Coder.of());

    /** Set while frames are held: at the end of the run, whatever still waits is written, in order. */
    @TimerId("end")
    private final TimerSpec endSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    private static final Logger LOG = LoggerFactory.getLogger(SharedVolumeSink.class);

    private final FrameFileWriter files;

    WriteFn(FrameFileWriter files) {
      this.files = files;
    }

    @ProcessElement
    public void process(@Element KV<String, ReplayFrame> e, @StateId("newest") ValueState<Long> newestState,
        @StateId("held") BagState<ReplayFrame> held, @TimerId("end") Timer end) throws IOException {
      ReplayFrame frame = e.getValue();
      Long newest = newestState.read();
      if (newest != null && frame.dataStart() <= newest) {
        return; // prepared again by a re-created reader, and written already
      }
      java.util.List<ReplayFrame> waiting = new java.util.ArrayList<>();
      held.read().forEach(waiting::add);
      waiting.add(frame);
      waiting.sort(java.util.Comparator.comparingLong(ReplayFrame::dataStart));
      boolean overflow = waiting.size() > MAX_HELD;
      if (overflow) {
        LOG.warn("{}: {} frames wait for GPS {}, which has not come; writing them in order without it",
            frame.detector(), waiting.size(), waiting.get(0).previousStart());
      }
      java.util.List<ReplayFrame> still = new java.util.ArrayList<>();
      for (ReplayFrame f : waiting) {
        boolean next = f.previousStart() == ReplayFrame.NONE || (newest != null && f.previousStart() <= newest);
        if (newest != null && f.dataStart() <= newest) {
          continue; // a repeat of one just written
        }
        if (next || overflow) {
          files.write(f);
          newest = f.dataStart();
        } else {
          still.add(f);
        }
      }
      held.clear();
      still.forEach(held::add);
      if (!still.isEmpty()) {
        end.set(GlobalWindow.INSTANCE.maxTimestamp());
      }
      if (newest != null) {
        newestState.write(newest);
      }
    }

    /** The run is over and frames still wait for one that never came: none is dropped unsaid. */
    @OnTimer("end")
    public void atEnd(@StateId("held") BagState<ReplayFrame> held) throws IOException {
      java.util.List<ReplayFrame> left = new java.util.ArrayList<>();
      held.read().forEach(left::add);
      held.clear();
      left.sort(java.util.Comparator.comparingLong(ReplayFrame::dataStart));
      if (!left.isEmpty()) {
        LOG.warn("{}: {} frames waited to the end for GPS {}, which never came; written now", left.get(0).detector(),
            left.size(), left.get(0).previousStart());
      }
      for (ReplayFrame f : left) {
        files.write(f);
      }
    }
  }
}
