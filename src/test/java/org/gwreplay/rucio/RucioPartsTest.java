package org.gwreplay.rucio;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Small pieces: circuit breaker, checksums, token freshness, dates, URLs. */
class RucioPartsTest {

  @Test
  void circuitOpensThenLetsOneTrialThroughAndClosesOnSuccess() {
    AtomicLong now = new AtomicLong(0);
    CircuitBreaker b = new CircuitBreaker(3, 1000, now::get);
    for (int i = 0; i < 3; i++) {
      assertThat(b.blockedForMillis(), equalTo(0L));
      b.failure();
    }
    assertThat(b.blockedForMillis(), equalTo(1000L));
    now.set(1000);
    assertThat("half open: one trial", b.blockedForMillis(), equalTo(0L));
    assertThat("others wait for the trial", b.blockedForMillis(), greaterThan(0L));
    b.success();
    assertThat(b.blockedForMillis(), equalTo(0L));
  }

  @Test
  void checksumsAsRucioWritesThem() {
    byte[] hello = "hello\n".getBytes(StandardCharsets.US_ASCII);
    assertThat(Checksums.adler32(hello), equalTo("084b021f")); // what xrdadler32 printed for this file
    assertThat(Checksums.adler32(new byte[0]), equalTo("00000001"));
    assertThat(Checksums.mismatch(new DidFile("s", "n", 6, "84b021f", null), hello), nullValue());
    assertThat(Checksums.mismatch(new DidFile("s", "n", 6, null, "b1946ac92492d2347c6235b4d2611184"), hello), nullValue());
    assertThat(Checksums.mismatch(new DidFile("s", "n", 6, "084b021f", "00000000000000000000000000000000"), hello),
        containsString("md5"));
    assertThat(Checksums.mismatch(new DidFile("s", "n", 7, null, null), hello), containsString("size 6 bytes, catalog says 7"));
  }

  @Test
  void tokenRenewedWithATenthOfItsLifeAtMostFiveMinutesToSpare() {
    AuthToken hour = new AuthToken(Secret.ofNullable("t"), 3_600_000, 0);
    assertThat(hour.fresh(3_300_000 - 1), equalTo(true));
    assertThat(hour.fresh(3_300_000), equalTo(false));
    AuthToken shortLived = new AuthToken(Secret.ofNullable("t"), 2000, 0);
    assertThat(shortLived.fresh(1799), equalTo(true));
    assertThat(shortLived.fresh(1800), equalTo(false));
    assertThat(hour.toString(), containsString("<redacted>"));
  }

  @Test
  void rucioExpiryDates() {
    assertThat(LoginTokenSource.parseExpiry("Wed, 25 Nov 2026 05:30:00 UTC", 0), equalTo(1795584600000L));
    assertThat("unreadable: one hour", LoginTokenSource.parseExpiry("soon", 5), equalTo(3_600_005L));
  }

  @Test
  void urlsForMessagesAndFetching() {
    assertThat(ReplicaDownloader.safeUrl("https://u:p@se.example.org:1094/data/f.gwf?authz=SECRET#x"),
        equalTo("https://se.example.org:1094/data/f.gwf"));
    assertThat(ReplicaDownloader.httpUrl("davs://se.example.org:443/f.gwf").toString(), equalTo("https://se.example.org:443/f.gwf"));
    assertThat(BearerTokenSource.jwtExpiry(RucioClientTest.jwt(1700000000L)), equalTo(1700000000000L));
    assertThat(BearerTokenSource.jwtExpiry("opaque-token"), equalTo(-1L));
  }
}
