// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.path;

import dev.coderdesktop.tunnel.stun.BindingRequest;
import dev.coderdesktop.tunnel.stun.BindingResponse;
import dev.coderdesktop.tunnel.stun.StunFormatException;
import dev.coderdesktop.tunnel.stun.TransactionId;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * Learns our candidate endpoints: sends a STUN binding request from the shared UDP sockets to every
 * STUN server of the DERP map, and adds the host's own addresses with the sockets' ports. Repeats
 * every 20 to 26 seconds (jittered, as the tailnet's clients do) and tells its listener whenever
 * the set changes. A server's answer counts until two rounds pass without a new one.
 *
 * <p>Thread-safe. Responses arrive on the socket readers; rounds run on the clock's thread.
 */
public final class StunProber implements AutoCloseable {

  /** The shortest wait between rounds. */
  static final Duration INTERVAL_MIN = Duration.ofSeconds(20);

  /** The jitter added to {@link #INTERVAL_MIN}, at most. */
  static final Duration INTERVAL_JITTER = Duration.ofSeconds(6);

  private static final Logger LOG = Logger.getLogger(StunProber.class.getName());

  private record Answer(InetSocketAddress mapped, long atNanos) {}

  private final Datagrams udp;
  private final List<InetSocketAddress> servers;
  private final Supplier<List<InetAddress>> localAddresses;
  private final Clock clock;
  private final Consumer<List<InetSocketAddress>> onChange;
  private final SecureRandom random = new SecureRandom();
  private final Timer timer;

  // Guarded by this.
  private final Map<TransactionId, InetSocketAddress> inFlight = new HashMap<>();
  private final Map<InetSocketAddress, Answer> answers = new HashMap<>();
  private List<InetSocketAddress> endpoints = List.of();
  private boolean closed;

  /**
   * @param servers the STUN servers (resolved)
   * @param localAddresses the host's addresses to advertise with our ports
   * @param onChange gets the new endpoint list whenever it changes (on a reader or clock thread)
   */
  public StunProber(
      Datagrams udp,
      List<InetSocketAddress> servers,
      Supplier<List<InetAddress>> localAddresses,
      Clock clock,
      Consumer<List<InetSocketAddress>> onChange) {
    this.udp = udp;
    this.servers = List.copyOf(servers);
    this.localAddresses = localAddresses;
    this.clock = clock;
    this.onChange = onChange;
    this.timer = clock.newTimer("stun", this::round);
  }

  /** Runs the first round now. */
  public void start() {
    timer.mod(Duration.ZERO);
  }

  /** Runs a round now (the network may have changed); the next follows 20-26 s later. */
  public void refreshNow() {
    timer.mod(Duration.ZERO);
  }

  /** Our endpoints now: STUN's reflexive addresses first, then local ones. */
  public synchronized List<InetSocketAddress> endpoints() {
    return endpoints;
  }

  private void round() {
    List<InetSocketAddress> targets;
    Map<TransactionId, byte[]> requests = new HashMap<>();
    synchronized (this) {
      if (closed) {
        return;
      }
      long stale = clock.nanoTime() - 2 * (INTERVAL_MIN.plus(INTERVAL_JITTER)).toNanos();
      answers.values().removeIf(a -> a.atNanos() < stale);
      inFlight.clear();
      targets = servers;
      for (InetSocketAddress s : targets) {
        TransactionId tx = TransactionId.random();
        inFlight.put(tx, s);
        requests.put(tx, BindingRequest.encode(tx));
      }
    }
    requests.forEach(
        (tx, b) -> {
          InetSocketAddress server;
          synchronized (this) {
            server = inFlight.get(tx);
          }
          if (server != null && !udp.send(server, b, 0, b.length)) {
            LOG.fine(() -> "cannot send a STUN request to " + server);
          }
        });
    recompute();
    long jitter = (long) (random.nextDouble() * INTERVAL_JITTER.toNanos());
    timer.mod(INTERVAL_MIN.plusNanos(jitter));
  }

  /** Handles a STUN datagram from {@code from}. */
  public void onStun(InetSocketAddress from, byte[] data) {
    BindingResponse r;
    try {
      r = BindingResponse.parse(data);
    } catch (StunFormatException e) {
      LOG.fine(() -> "dropping a STUN datagram from " + from + ": " + e.getMessage());
      return;
    }
    synchronized (this) {
      InetSocketAddress server = inFlight.remove(r.txId());
      if (server == null) {
        return; // not ours, or a late duplicate
      }
      answers.put(server, new Answer(r.mapped(), clock.nanoTime()));
    }
    recompute();
  }

  private void recompute() {
    Set<InetSocketAddress> out = new LinkedHashSet<>();
    List<InetAddress> local = localAddresses.get();
    List<InetSocketAddress> now;
    synchronized (this) {
      for (Answer a : answers.values()) {
        out.add(a.mapped());
      }
      for (InetAddress a : local) {
        int port = udp.port(a instanceof Inet6Address);
        if (port != 0) {
          out.add(new InetSocketAddress(a, port));
        }
      }
      now = List.copyOf(new ArrayList<>(out));
      if (now.equals(endpoints) || closed) {
        return;
      }
      endpoints = now;
    }
    LOG.info(() -> "our direct endpoints: " + now.stream().map(Endpoints::format).toList());
    onChange.accept(now);
  }

  @Override
  public synchronized void close() {
    closed = true;
    timer.cancel();
  }
}
