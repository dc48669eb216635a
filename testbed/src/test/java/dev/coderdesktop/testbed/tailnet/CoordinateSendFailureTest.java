// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import static dev.coderdesktop.tunnel.time.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A coordinate send that fails ends the connection it was sent on, and no other. */
@Timeout(60)
class CoordinateSendFailureTest {

  private static final UUID AGENT = UUID.fromString("33333333-3333-4333-8333-333333333333");

  @Test
  @DisplayName("a send that fails after its connection was replaced leaves the new connection up")
  void staleSendFailureKeepsTheNewConnection() throws Exception {
    try (SilentDials d = new SilentDials()) {
      SilentPeer first = d.peers.getFirst();
      Thread sender = Thread.ofPlatform().unstarted(() -> d.client.addTunnel(AGENT));
      first.stuck = sender;
      sender.start();
      assertTrue(first.stuckWriting.await(10, TimeUnit.SECONDS), "the send is under way");

      // The first connection ends and is replaced while that send is still stuck on it.
      first.hangUp();
      await("the retry timer", () -> d.clock.isArmed("tailnet-retry"));
      d.clock.advance(Duration.ofSeconds(1));
      await("the second connection", () -> d.peers.size() == 2 && d.client.isConnected());

      first.failStuck();
      sender.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(sender.isAlive());
      assertTrue(d.client.isConnected(), "the new connection was dropped: " + d.events.disconnects);
      assertEquals(1, d.events.disconnects.size(), d.events.disconnects.toString());
    }
  }
}
