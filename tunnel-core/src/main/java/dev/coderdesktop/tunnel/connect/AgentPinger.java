// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.connect;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Every {@link #INTERVAL} sends each agent a disco ping through the relay and keeps the last
 * answer; when every ping of a round has been answered or has timed out, it calls {@code onRound}
 * (the engine publishes its agents then, so the status refreshes at the same pace). An agent whose
 * ping times out loses its last result, so a stale latency is never shown for an agent that stopped
 * answering.
 *
 * <p>Thread-safe. Rounds run on the clock's thread; results arrive on relay or clock threads.
 */
final class AgentPinger implements AutoCloseable {

  /** Coder's tunnel pings every agent this often (and its status tick has the same period). */
  static final Duration INTERVAL = Duration.ofSeconds(5);

  private final DiscoHandler disco;
  private final Clock clock;
  private final Supplier<Map<UUID, Key>> targets;
  private final Runnable onRound;
  private final Timer timer;
  private final Map<UUID, Sample> last = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /**
   * One answered ping.
   *
   * @param result what the pong said
   * @param atNanos engine-clock time of the pong
   */
  record Sample(DiscoHandler.PingResult result, long atNanos) {}

  /**
   * @param targets the agents to ping and their node keys
   * @param onRound called after each round
   */
  AgentPinger(DiscoHandler disco, Clock clock, Supplier<Map<UUID, Key>> targets, Runnable onRound) {
    this.disco = disco;
    this.clock = clock;
    this.targets = targets;
    this.onRound = onRound;
    this.timer = clock.newTimer("agent-pings", this::round);
  }

  /** Schedules the first round one interval from now. */
  void start() {
    timer.mod(INTERVAL);
  }

  /** The last answer of {@code agent}, or null. */
  Sample last(UUID agent) {
    return last.get(agent);
  }

  /** Drops what is known about an agent that left. */
  void forget(UUID agent) {
    last.remove(agent);
  }

  private void round() {
    if (closed) {
      return;
    }
    timer.mod(INTERVAL);
    List<CompletableFuture<?>> all = new ArrayList<>();
    for (Map.Entry<UUID, Key> e : targets.get().entrySet()) {
      UUID agent = e.getKey();
      all.add(
          disco
              .ping(e.getValue())
              .handle(
                  (r, err) -> {
                    if (err == null) {
                      last.put(agent, new Sample(r, clock.nanoTime()));
                    } else {
                      last.remove(agent);
                    }
                    return null;
                  }));
    }
    CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
        .whenComplete(
            (ignored, err) -> {
              if (!closed) {
                onRound.run();
              }
            });
  }

  @Override
  public void close() {
    closed = true;
    timer.cancel();
  }
}
