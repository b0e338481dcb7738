package org.gwreplay.source;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.regex.Pattern;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.rucio.DidFile;
import org.gwreplay.rucio.RucioException;
import org.gwreplay.rucio.RucioSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One detector's files over [gpsStart, gpsEnd), asked of the catalog one chunk at a time and
 * only when the caller has used up the previous chunk. The first chunk reaches back
 * {@code maxFileSeconds} so a file that starts before the range but overlaps it is found.
 * Each chunk's replicas are listed at once; a file the catalog has but with no usable replica
 * is still returned (so it is seen) and logged as a gap, and fetching it fails with the reason.
 */
final class ChunkedListing implements Iterator<SourceFile> {
  private static final Logger LOG = LoggerFactory.getLogger(ChunkedListing.class);
  private static final int REPLICA_BATCH = 500;
  private static final Comparator<FrameFileName> ORDER =
      Comparator.comparingLong(FrameFileName::gpsStart).thenComparing(FrameFileName::toString);

  private final RucioSession session;
  private final LakeLayout layout;
  private final String detector;
  private final long gpsStart;
  private final long gpsEnd;
  private final Pattern names;
  private final long lastChunk;
  private long nextChunk;
  private FrameFileName lastQueued;
  private final Deque<SourceFile> buffer = new ArrayDeque<>();

  ChunkedListing(RucioSession session, LakeLayout layout, String detector, long gpsStart, long gpsEnd) {
    this.session = session;
    this.layout = layout;
    this.detector = detector;
    this.gpsStart = gpsStart;
    this.gpsEnd = gpsEnd;
    this.names = layout.nameRegex(detector);
    this.nextChunk = layout.chunkOf(Math.max(0, gpsStart - layout.maxFileSeconds + 1));
    this.lastChunk = layout.chunkOf(gpsEnd - 1);
  }

  @Override
  public boolean hasNext() {
    while (buffer.isEmpty() && nextChunk <= lastChunk) {
      try {
        load(nextChunk);
      } catch (IOException e) {
        throw new UncheckedIOException("listing " + detector + " files of " + layout + " failed: " + e.getMessage(), e);
      }
      nextChunk++;
    }
    return !buffer.isEmpty();
  }

  @Override
  public SourceFile next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    return buffer.removeFirst();
  }

  private void load(long chunk) throws IOException {
    List<DidFile> listed = list(chunk);
    Map<String, FrameFileName> parsed = new HashMap<>();
    List<DidFile> wanted = new ArrayList<>();
    for (DidFile f : listed) {
      if (!names.matcher(f.name()).matches()) {
        continue;
      }
      FrameFileName n = FrameFileName.tryParse(f.name());
      if (n == null || n.gpsEnd() <= gpsStart || n.gpsStart() >= gpsEnd
          // a wildcard on leading digits also matches longer numbers: keep this chunk's own
          || (!layout.byDataset() && layout.chunkOf(n.gpsStart()) != chunk)
          || (lastQueued != null && ORDER.compare(n, lastQueued) <= 0)
          || parsed.putIfAbsent(f.name(), n) != null) {
        continue;
      }
      wanted.add(f);
    }
    wanted.sort(Comparator.comparing(f -> parsed.get(f.name()), ORDER));
    // Built aside and queued only when the whole chunk resolved, so a failed chunk can be retried cleanly.
    List<SourceFile> ready = new ArrayList<>(wanted.size());
    for (int i = 0; i < wanted.size(); i += REPLICA_BATCH) {
      List<DidFile> batch = wanted.subList(i, Math.min(wanted.size(), i + REPLICA_BATCH));
      Map<String, DidFile> resolved = session.resolve(batch);
      for (DidFile f : batch) {
        DidFile best = resolved.getOrDefault(f.did(), f);
        ready.add(new SourceFile(detector, parsed.get(f.name()), f.did(), best.bytes(), best.adler32(), best.md5()));
      }
    }
    buffer.addAll(ready);
    if (!wanted.isEmpty()) {
      lastQueued = parsed.get(wanted.get(wanted.size() - 1).name());
    }
    LOG.debug("{} chunk {}: {} names listed, {} wanted", detector, chunk, listed.size(), wanted.size());
  }

  /** The catalog's names for one chunk: a name search, or the chunk's dataset. */
  private List<DidFile> list(long chunk) throws IOException {
    if (!layout.byDataset()) {
      return session.searchFiles(layout.scope, layout.nameWildcard(detector, chunk));
    }
    String ds = layout.datasetName(detector, chunk);
    try {
      return session.listFiles(layout.scope, ds);
    } catch (RucioException e) {
      if (layout.datasetPerSpan() && (e.status() == 404 || "DataIdentifierNotFound".equals(e.exceptionClass()))) {
        LOG.info("no dataset {}:{}: no data for that span", layout.scope, ds);
        return List.of();
      }
      throw e;
    }
  }
}
