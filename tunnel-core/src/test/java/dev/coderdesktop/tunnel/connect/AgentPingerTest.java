// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.time.VirtualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The periodic agent pings, on virtual time, against a fake agent behind a delaying relay. */
@Timeout(10)
class AgentPingerTest {

  private final VirtualClock clock = new VirtualClock();
  private final Key usNode = X25519.publicKey(X25519.generatePrivateKey());
  private final Key agentNode = X25519.publicKey(X25519.generatePrivateKey());
  private final Map<Key, DiscoHandler> relay = new HashMap<>();
  private Duration oneWay = Duration.ofMillis(15);
  private boolean agentAnswers = true;
  private final UUID id = UUID.randomUUID();
  private final AtomicInteger rounds = new AtomicInteger();

  private DiscoHandler endpoint(Key node) {
    DiscoHandler h =
        new DiscoHandler(
            X25519.generatePrivateKey(),
            node,
            999,
            (to, packet) -> {
              DiscoHandler dst = relay.get(to);
              if (dst != null && (agentAnswers || !to.equals(usNode))) {
                clock.newTimer("deliver", () -> dst.onDerpPacket(node, packet)).mod(oneWay);
              }
              return true;
            },
            clock);
    relay.put(node, h);
    return h;
  }

  /** A started pinger of the agent {@code id}, counting its rounds in {@code rounds}. */
  private AgentPinger startedPinger() {
    DiscoHandler us = endpoint(usNode);
    DiscoHandler agent = endpoint(agentNode);
    us.setPeer(agentNode, agent.discoPublic());
    agent.setPeer(usNode, us.discoPublic());
    AgentPinger pinger =
        new AgentPinger(us, clock, () -> Map.of(id, agentNode), rounds::incrementAndGet);
    pinger.start();
    return pinger;
  }

  @Test
  @DisplayName("every five seconds each agent is pinged, and a round ends with a refresh")
  void rounds() {
    AgentPinger pinger = startedPinger();

    clock.advance(AgentPinger.INTERVAL.minusMillis(1));
    assertNull(pinger.last(id), "no ping before the first interval");
    clock.advance(Duration.ofMillis(1 + 30));
    assertEquals(1, rounds.get());
    AgentPinger.Sample s = pinger.last(id);
    assertEquals(Duration.ofMillis(30), s.result().latency());
    assertFalse(s.result().direct());
    assertEquals(999, s.result().derpRegion());

    oneWay = Duration.ofMillis(70);
    clock.advance(AgentPinger.INTERVAL.minusMillis(30));
    assertEquals(1, rounds.get(), "the second round is still waiting for its pong");
    clock.advance(Duration.ofMillis(140));
    assertEquals(2, rounds.get());
    assertEquals(Duration.ofMillis(140), pinger.last(id).result().latency());
    pinger.close();
  }

  @Test
  @DisplayName("an agent that stops answering loses its latency when the ping times out")
  void timeout() {
    AgentPinger pinger = startedPinger();
    clock.advance(AgentPinger.INTERVAL.plusSeconds(1));
    assertEquals(Duration.ofMillis(30), pinger.last(id).result().latency());

    agentAnswers = false;
    clock.advance(AgentPinger.INTERVAL.minusSeconds(1));
    assertEquals(1, rounds.get());
    clock.advance(DiscoHandler.PING_TIMEOUT);
    assertNull(pinger.last(id));
    assertEquals(2, rounds.get(), "a round that timed out still refreshes the status");
    pinger.close();
  }

  @Test
  @DisplayName("with no agents a round still completes, and close stops the rounds")
  void emptyAndClosed() {
    AgentPinger pinger = new AgentPinger(endpoint(usNode), clock, Map::of, rounds::incrementAndGet);
    pinger.start();
    clock.advance(AgentPinger.INTERVAL);
    assertEquals(1, rounds.get());
    pinger.close();
    clock.advance(AgentPinger.INTERVAL.multipliedBy(3));
    assertEquals(1, rounds.get());
    assertEquals(0, clock.pendingTimers());
  }
}
