package org.gwreplay.kafka;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Puts frame files back together from the parts of one topic. Parts may come in any order and
 * twice; a frame is known by (part_id, evt_id, part_tot), so a restarted producer whose part_id
 * starts again at 0 is not mixed up with the one before. A frame that stays incomplete (a part
 * lost, a producer killed in mid-frame) is given up when too many others are pending or when no
 * part of it came for a while, and reported as lost; never dropped silently.
 */
public final class PartAssembler {

  /** A whole frame file. */
  public record Frame(long evtId, long partId, byte[] bytes) {}

  /** A frame given up, with how much of it came. */
  public record Incomplete(long evtId, long partId, int received, long total) {}

  private static final class Pending {
    final byte[][] chunks;
    int received;
    long lastSeen;

    Pending(int total) {
      chunks = new byte[total][];
    }
  }

  private record Key(long partId, long evtId, long partTot) {}

  /** Parts of one frame; far more than a frame file needs (a 100 MB frame in 100 kB parts). */
  static final long MAX_PARTS = 10_000;

  private final int maxPending;
  private final long stallMillis;
  private final LongSupplier clock;
  private final Map<Key, Pending> pending = new LinkedHashMap<>();
  private final List<Incomplete> givenUp = new ArrayList<>();

  public PartAssembler(int maxPending, long stallMillis, LongSupplier clock) {
    this.maxPending = maxPending;
    this.stallMillis = stallMillis;
    this.clock = clock;
  }

  public PartAssembler() {
    this(8, 60_000, System::currentTimeMillis);
  }

  /** Adds a part; returns the frame when this part completed it, else null. */
  public Frame add(FramePart p) {
    if (p.partTot() > MAX_PARTS) {
      throw new IllegalArgumentException("part_tot " + p.partTot() + " is more parts than a frame file has (at most " + MAX_PARTS + ")");
    }
    long now = clock.getAsLong();
    Key key = new Key(p.partId(), p.evtId(), p.partTot());
    Pending f = pending.computeIfAbsent(key, k -> new Pending((int) k.partTot()));
    f.lastSeen = now;
    int n = (int) p.partNum();
    if (f.chunks[n] == null) {
      f.chunks[n] = p.chunk();
      f.received++;
    }
    Frame done = null;
    if (f.received == f.chunks.length) {
      pending.remove(key);
      int len = 0;
      for (byte[] c : f.chunks) {
        len += c.length;
      }
      byte[] whole = new byte[len];
      int at = 0;
      for (byte[] c : f.chunks) {
        System.arraycopy(c, 0, whole, at, c.length);
        at += c.length;
      }
      done = new Frame(p.evtId(), p.partId(), whole);
      // A complete copy of a frame makes an earlier, broken copy of it moot (a producer restarted mid-frame).
      pending.keySet().removeIf(k -> k.evtId() == p.evtId());
    }
    expire(now);
    return done;
  }

  /** Gives up frames that stalled or overflow the pending set. */
  private void expire(long now) {
    Iterator<Map.Entry<Key, Pending>> it = pending.entrySet().iterator();
    int excess = pending.size() - maxPending;
    while (it.hasNext()) {
      Map.Entry<Key, Pending> e = it.next();
      if (excess > 0 || now - e.getValue().lastSeen > stallMillis) {
        givenUp.add(new Incomplete(e.getKey().evtId(), e.getKey().partId(), e.getValue().received, e.getKey().partTot()));
        it.remove();
        excess--;
      }
    }
  }

  /** Frames given up since the last call (and, at {@code end}, every frame still pending). */
  public List<Incomplete> drainGivenUp(boolean end) {
    expire(clock.getAsLong());
    if (end) {
      pending.forEach((k, v) -> givenUp.add(new Incomplete(k.evtId(), k.partId(), v.received, k.partTot())));
      pending.clear();
    }
    List<Incomplete> out = new ArrayList<>(givenUp);
    givenUp.clear();
    return out;
  }

  public int pendingCount() {
    return pending.size();
  }
}
