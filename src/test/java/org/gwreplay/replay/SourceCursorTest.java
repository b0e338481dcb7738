package org.gwreplay.replay;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.gwreplay.gwf.FrameFileName;
import org.gwreplay.source.FrameSource;
import org.gwreplay.source.SourceFile;
import org.gwreplay.time.Segment;
import org.junit.jupiter.api.Test;

/**
 * The cursor over a catalog that fails now and then. Found by the soak benchmark: the listing
 * reads one file past the current frame, which at the end of a catalog chunk means asking for the
 * next chunk; when that call failed, the current frame became a "catalog error" gap although its
 * own file was already listed.
 */
class SourceCursorTest {

  private static final long T0 = 1238163456L;
  private static final Segment RUN = new Segment(T0, T0 + 192);

  /** Three 64-s files; listing past {@code failAt} fails while {@code failures} last. */
  private static final class FlakyCatalog implements FrameSource {
    final List<SourceFile> files = List.of(file(T0), file(T0 + 64), file(T0 + 128));
    long failAt = Long.MAX_VALUE;
    int failures;
    int listings;

    private static SourceFile file(long start) {
      return new SourceFile("H1", new FrameFileName("H", "H1_llhoft", start, 64), "ligo:" + start, 1, null, null);
    }

    @Override
    public Iterator<SourceFile> files(String detector, long gpsStart, long gpsEnd) {
      listings++;
      Iterator<SourceFile> all = files.stream().filter(f -> f.gpsEnd() > gpsStart && f.gpsStart() < gpsEnd).iterator();
      return new Iterator<>() {
        SourceFile peeked;

        @Override
        public boolean hasNext() {
          if (peeked == null && all.hasNext()) {
            peeked = all.next();
          }
          if (peeked != null && peeked.gpsStart() >= failAt && failures > 0) {
            failures--;
            throw new UncheckedIOException(new IOException("Rucio search failed with HTTP 500"));
          }
          return peeked != null;
        }

        @Override
        public SourceFile next() {
          if (!hasNext()) {
            throw new NoSuchElementException();
          }
          SourceFile f = peeked;
          peeked = null;
          return f;
        }
      };
    }

    @Override
    public byte[] fetch(SourceFile file) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String describe() {
      return "flaky catalog";
    }
  }

  @Test
  void aFailureWhileLookingPastAFrameDoesNotLoseTheFrameWhoseFileIsListed() {
    FlakyCatalog catalog = new FlakyCatalog();
    catalog.failAt = T0 + 64;
    catalog.failures = 1;
    SourceCursor cursor = new SourceCursor(catalog, "H1", f -> {});

    assertThat(cursor.covering(RUN, T0, T0 + 1), contains(catalog.files.get(0)));
    // The rest of the first file needs no catalog call, failed listing or not.
    for (long t = T0 + 1; t < T0 + 64; t++) {
      assertThat(cursor.covering(RUN, t, t + 1), contains(catalog.files.get(0)));
    }
    assertThat(catalog.listings, equalTo(1));
    // The next file is listed afresh once a frame needs it.
    assertThat(cursor.covering(RUN, T0 + 64, T0 + 65), contains(catalog.files.get(1)));
    assertThat(catalog.listings, equalTo(2));
  }

  @Test
  void aFrameWhoseFileCannotBeListedIsStillACatalogError() {
    FlakyCatalog catalog = new FlakyCatalog();
    catalog.failAt = T0 + 64;
    catalog.failures = 2;
    SourceCursor cursor = new SourceCursor(catalog, "H1", f -> {});
    assertThat(cursor.covering(RUN, T0 + 63, T0 + 64), contains(catalog.files.get(0)));
    UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> cursor.covering(RUN, T0 + 64, T0 + 65));
    assertThat(e.getCause().getMessage(), equalTo("Rucio search failed with HTTP 500"));
    // Once the catalog answers, the frames go on; a file listed twice is used once.
    assertThat(cursor.covering(RUN, T0 + 65, T0 + 66), contains(catalog.files.get(1)));
    assertThat(cursor.covering(RUN, T0 + 127, T0 + 129), contains(catalog.files.get(1), catalog.files.get(2)));
  }
}
