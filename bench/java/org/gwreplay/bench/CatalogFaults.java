package org.gwreplay.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.gwreplay.replay.ReplayClock;
import org.gwreplay.rucio.RucioTestLake;

/**
 * Catalog faults while the soak runs, at set points of the replay clock: bursts of 500s on each
 * kind of call (searches, replica lists, logins), an answer slower than the request timeout, one
 * slow but in time, and tokens revoked; tokens also expire every few minutes throughout.
 *
 * <p>Each burst is 2 failures, one fewer than the client's attempts per call, so the catalog
 * faults must all be absorbed by retries: none may become a gap. (Longer outages do become gaps
 * "catalog error: ...", by design; the soak keeps them out so its expected gaps are exactly the
 * files with no intact replica.)
 */
final class CatalogFaults implements AutoCloseable {

  /** Burst length: below the client's 3 attempts per call. */
  static final int BURST = 2;

  private record Step(double fraction, String what, Consumer<RucioTestLake> action, int failures) {}

  private final RucioTestLake lake;
  private final ReplayClock clock;
  private final long gpsStart;
  private final long gpsEnd;
  private final List<Step> steps = new ArrayList<>();
  private final List<String> done = new ArrayList<>();
  private final Thread thread;

  /**
   * @param gpsStart first GPS second of the replay
   * @param listedThrough GPS time by which the replay has listed its last catalog chunk: readers
   *     list ahead of the clock by the lookahead, so faults placed later would never be met
   * @param requestTimeoutSeconds the replay's catalog request timeout: one answer is made slower
   */
  CatalogFaults(RucioTestLake lake, ReplayClock clock, long gpsStart, long listedThrough, int requestTimeoutSeconds,
      Duration tokenLifetime) {
    this.lake = lake;
    this.clock = clock;
    this.gpsStart = gpsStart;
    this.gpsEnd = listedThrough;
    long tooSlow = requestTimeoutSeconds * 1000L + 1000;
    long slowButInTime = requestTimeoutSeconds * 500L;
    step(0.10, BURST + " x 500 on DID searches", l -> l.failCatalogNext("/dids/", BURST), BURST);
    step(0.20, BURST + " x 500 on replica lists", l -> l.failCatalogNext("/replicas/list", BURST), BURST);
    step(0.30, "a search answered after " + tooSlow + " ms (past the timeout)", l -> l.slowCatalogNext("/dids/", 1, tooSlow), 1);
    step(0.40, "all tokens revoked", RucioTestLake::revokeTokens, 0);
    step(0.50, "all tokens revoked, then " + BURST + " x 500 on logins", l -> {
      l.failCatalogNext("/auth/", BURST);
      l.revokeTokens();
    }, BURST);
    step(0.60, BURST + " x 500 on DID searches", l -> l.failCatalogNext("/dids/", BURST), BURST);
    step(0.70, "a replica list answered after " + slowButInTime + " ms (in time)",
        l -> l.slowCatalogNext("/replicas/list", 1, slowButInTime), 0);
    step(0.80, "all tokens revoked", RucioTestLake::revokeTokens, 0);
    step(0.90, BURST + " x 500 on replica lists", l -> l.failCatalogNext("/replicas/list", BURST), BURST);
    if (listedThrough - gpsStart < 1000) {
      steps.clear(); // a run too short for faults spread over it would only stack them up at its start
    }
    lake.tokenLifetime(tokenLifetime);
    done.add("tokens issued for " + tokenLifetime.toSeconds() + " s wall time (renewed before they expire)");
    thread = new Thread(this::run, "soak-catalog-faults");
    thread.setDaemon(true);
  }

  private void step(double fraction, String what, Consumer<RucioTestLake> action, int failures) {
    steps.add(new Step(fraction, what, action, failures));
  }

  void start() {
    thread.start();
  }

  private void run() {
    try {
      for (Step s : steps) {
        long gps = gpsStart + Math.round(s.fraction * (gpsEnd - gpsStart));
        long wait = Duration.between(Instant.now(), clock.releaseTime(org.gwreplay.time.GpsTime.ofSeconds(gps))).toMillis();
        if (wait > 0) {
          Thread.sleep(wait);
        }
        s.action.accept(lake);
        synchronized (done) {
          done.add(String.format("GPS %d: %s", gps, s.what));
        }
      }
    } catch (InterruptedException e) {
      // the replay ended first
    }
  }

  /**
   * Catalog answers made to fail (500s and the timed-out one) by the steps taken: each costs the
   * client one retry once served (see {@link #pending()}).
   */
  int injectedFailures() {
    int injected = 0;
    synchronized (done) {
      // done's first line is the token lifetime, then one line per step taken
      for (int i = 0; i < steps.size() && i < done.size() - 1; i++) {
        injected += steps.get(i).failures;
      }
    }
    return injected;
  }

  /** Injected faults (500s, slow answers) not yet served because no call came after them. */
  int pending() {
    return lake.catalogFaultsPending();
  }

  int steps() {
    return steps.size();
  }

  /** What was injected so far, in order. */
  List<String> done() {
    synchronized (done) {
      return List.copyOf(done);
    }
  }

  @Override
  public void close() {
    thread.interrupt();
  }
}
