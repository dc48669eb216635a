// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.control.proto.RefreshResumeTokenResponse;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResumeTokensTest {

  /** A clock whose wall time the test sets; the tokens use nothing else. */
  private static final class WallClock implements Clock {
    volatile Instant now = Instant.parse("2026-03-01T12:00:00Z");

    @Override
    public long nanoTime() {
      return 0;
    }

    @Override
    public Instant wallTime() {
      return now;
    }

    @Override
    public Timer newTimer(String name, Runnable action) {
      throw new UnsupportedOperationException();
    }
  }

  private final WallClock clock = new WallClock();
  private final ResumeTokens tokens = new ResumeTokens(clock, Duration.ofHours(24));
  private final UUID peer = UUID.fromString("44444444-4444-4444-8444-444444444444");

  @Test
  @DisplayName("a fresh token resumes its peer; refresh at half the lifetime, as coderd says")
  void roundTrip() {
    RefreshResumeTokenResponse r = tokens.issue(peer);
    assertEquals(Optional.of(peer), tokens.verify(r.getToken()));
    assertEquals(12 * 3600, r.getRefreshIn().getSeconds());
    assertEquals(
        clock.now.plus(Duration.ofHours(24)).getEpochSecond(), r.getExpiresAt().getSeconds());
    assertEquals(3, r.getToken().split("\\.").length, "a compact JWS");
  }

  @Test
  @DisplayName("an expired token is refused")
  void expired() {
    String t = tokens.issue(peer).getToken();
    clock.now = clock.now.plus(Duration.ofHours(24));
    assertTrue(tokens.verify(t).isEmpty());
  }

  @Test
  @DisplayName("altered claims, a wrong signature, another server's key or junk are refused")
  void forged() {
    String t = tokens.issue(peer).getToken();
    String[] p = t.split("\\.");
    String otherPeer =
        java.util.Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(
                ("{\"sub\":\"" + UUID.randomUUID() + "\",\"exp\":9999999999}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertTrue(tokens.verify(p[0] + "." + otherPeer + "." + p[2]).isEmpty());
    assertTrue(tokens.verify(p[0] + "." + p[1] + "." + p[2].substring(1) + "A").isEmpty());
    assertTrue(new ResumeTokens(clock, Duration.ofHours(24)).verify(t).isEmpty(), "another key");
    for (String junk : new String[] {"", "a.b", "a.b.c", "resume-00ff", "..", t + "."}) {
      assertTrue(tokens.verify(junk).isEmpty(), junk);
    }
  }
}
