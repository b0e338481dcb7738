package org.gwreplay.replay;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Holds each frame until the watermark (the replay clock) passes the end of its window: keyed by
 * detector, windowed by the frame's own span, grouped with the default trigger. What comes out is
 * due now.
 */
public final class ReleaseFrames extends PTransform<PCollection<ReplayFrame>, PCollection<ReplayFrame>> {

  public static ReleaseFrames create() {
    return new ReleaseFrames();
  }

  @Override
  public PCollection<ReplayFrame> expand(PCollection<ReplayFrame> frames) {
    return frames
        .apply("KeyByDetector", WithKeys.of(ReplayFrame::detector).withKeyType(TypeDescriptors.strings()))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), ReplayFrame.Coder.of()))
        .apply("FrameWindows", Window.into(new FrameWindows()))
        .apply("AwaitReplayClock", GroupByKey.create())
        .apply("Release", ParDo.of(new DoFn<KV<String, Iterable<ReplayFrame>>, ReplayFrame>() {
          @ProcessElement
          public void process(@Element KV<String, Iterable<ReplayFrame>> due, OutputReceiver<ReplayFrame> out) {
            List<ReplayFrame> sorted = new ArrayList<>();
            due.getValue().forEach(sorted::add);
            sorted.sort(Comparator.comparing(f -> f.name().toString()));
            ReplayFrame last = null;
            for (ReplayFrame f : sorted) {
              // A restarted reader may prepare a frame twice; one file per name is released.
              if (last == null || !last.name().equals(f.name())) {
                out.output(f);
              }
              last = f;
            }
          }
        }))
        .setCoder(ReplayFrame.Coder.of());
  }
}
