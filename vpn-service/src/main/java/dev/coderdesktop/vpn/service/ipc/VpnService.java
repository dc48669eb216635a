// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.vpn.proto.Codec;
import dev.coderdesktop.vpn.proto.Handshake;
import dev.coderdesktop.vpn.proto.ProtocolVersion;
import dev.coderdesktop.vpn.proto.Speaker;
import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.DnsSetup;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import dev.coderdesktop.vpn.service.session.Session;
import dev.coderdesktop.vpn.service.session.SignInException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The service's API as a table of handlers over vpn.proto (ClientMessage in, ServiceMessage out):
 * Start, Stop and Status, each validated then acted on; a Start while another is in progress fails
 * fast; an identical repeat Start is a no-op. Every state change is broadcast as a Status to every
 * connected client.
 *
 * <pre>
 *   STOPPED --start--> STARTING --ok--> STARTED --stop--> STOPPING --> STOPPED
 *                        \--failure (error kept)--> STOPPED
 * </pre>
 *
 * <p>Thread-safe: state changes happen under this object's lock.
 */
public final class VpnService implements LocalSocketServer.Handler {

  private static final Logger LOG = Logger.getLogger(VpnService.class.getName());
  private static final List<ProtocolVersion> VERSIONS = List.of(ProtocolVersion.CURRENT);

  private final Session.Factory factory;
  private final LongSupplier engineNanos;
  private final Supplier<Instant> wallClock;
  private final Set<Speaker<ServiceMessage, ClientMessage>> clients = new CopyOnWriteArraySet<>();

  // Guarded by this.
  private Status.Lifecycle lifecycle = Status.Lifecycle.STOPPED;
  private String error = "";
  private Session session;
  private Session.StartParams running;
  private List<AgentView> agents = List.of();
  private DnsSetup dns = DnsSetup.getDefaultInstance();

  /**
   * A service opening sessions with {@code factory}; the clocks map handshake times to wall time.
   */
  public VpnService(
      Session.Factory factory, LongSupplier engineNanos, Supplier<Instant> wallClock) {
    this.factory = factory;
    this.engineNanos = engineNanos;
    this.wallClock = wallClock;
  }

  @Override
  public void serve(SocketChannel channel, String user) throws IOException {
    InputStream in = LocalSocketServer.in(channel);
    OutputStream out = LocalSocketServer.out(channel);
    Handshake.perform(in, out, Handshake.Role.SERVICE, Handshake.Role.CLIENT, VERSIONS);
    CountDownLatch done = new CountDownLatch(1);
    AtomicReference<Speaker<ServiceMessage, ClientMessage>> self = new AtomicReference<>();
    Speaker<ServiceMessage, ClientMessage> speaker =
        new Speaker<>(
            in,
            out,
            Codec.SERVICE,
            msg -> handle(self.get(), msg),
            e -> {
              LOG.info("client " + user + " gone: " + e.getMessage());
              done.countDown();
            });
    self.set(speaker);
    clients.add(speaker);
    LOG.info("client connected: " + user);
    try {
      speaker.start();
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(speaker);
      speaker.close();
    }
  }

  private void handle(Speaker<ServiceMessage, ClientMessage> from, ClientMessage msg) {
    ServiceMessage reply =
        switch (msg.getMsgCase()) {
          case START -> ServiceMessage.newBuilder().setStart(start(msg.getStart())).build();
          case STOP -> ServiceMessage.newBuilder().setStop(stop()).build();
          case STATUS -> ServiceMessage.newBuilder().setStatus(status()).build();
          case MSG_NOT_SET -> null;
        };
    if (reply == null) {
      return;
    }
    try {
      if (msg.getRpc().getMsgId() != 0) {
        from.reply(msg, reply);
      }
    } catch (IOException e) {
      LOG.fine("could not reply: " + e.getMessage());
    }
  }

  StartResponse start(StartRequest req) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.getHeadersList().forEach(h -> headers.put(h.getName(), h.getValue()));
    Session.StartParams want =
        new Session.StartParams(req.getCoderUrl(), req.getApiToken(), headers);
    if (want.url().isBlank() || want.token().isBlank()) {
      return StartResponse.newBuilder()
          .setErrorMessage("a deployment URL and a token are required")
          .build();
    }
    synchronized (this) {
      if (lifecycle == Status.Lifecycle.STARTED && want.equals(running)) {
        return StartResponse.newBuilder().setSuccess(true).build();
      }
      if (lifecycle != Status.Lifecycle.STOPPED) {
        return StartResponse.newBuilder()
            .setErrorMessage(
                "the VPN is "
                    + lifecycle.name().toLowerCase(java.util.Locale.ROOT)
                    + "; stop it first")
            .build();
      }
      lifecycle = Status.Lifecycle.STARTING;
      error = "";
    }
    broadcast();
    Session s;
    try {
      s = factory.open(want, this::onAgents);
    } catch (SignInException e) {
      synchronized (this) {
        lifecycle = Status.Lifecycle.STOPPED;
        error = e.getMessage();
      }
      broadcast();
      return StartResponse.newBuilder().setErrorMessage(e.getMessage()).build();
    }
    synchronized (this) {
      session = s;
      running = want;
      lifecycle = Status.Lifecycle.STARTED;
      error = s.warning();
      agents = s.agents();
      dns =
          s.dns()
              .map(a -> DnsSetup.newBuilder().setMode(a.mode().id()).setDetail(a.detail()).build())
              .orElse(DnsSetup.getDefaultInstance());
    }
    broadcast();
    return StartResponse.newBuilder().setSuccess(true).build();
  }

  StopResponse stop() {
    Session s;
    synchronized (this) {
      if (lifecycle == Status.Lifecycle.STOPPED) {
        return StopResponse.newBuilder().setSuccess(true).build();
      }
      if (lifecycle != Status.Lifecycle.STARTED) {
        return StopResponse.newBuilder().setErrorMessage("the VPN is still starting").build();
      }
      lifecycle = Status.Lifecycle.STOPPING;
      s = session;
    }
    broadcast();
    s.close();
    synchronized (this) {
      session = null;
      running = null;
      agents = List.of();
      // The session's notes (the DNS one) were about it; they go with it.
      error = "";
      dns = DnsSetup.getDefaultInstance();
      lifecycle = Status.Lifecycle.STOPPED;
    }
    broadcast();
    return StopResponse.newBuilder().setSuccess(true).build();
  }

  synchronized Status status() {
    long nowNanos = engineNanos.getAsLong();
    Instant now = wallClock.get();
    Status.Builder b =
        Status.newBuilder()
            .setLifecycle(lifecycle)
            .setErrorMessage(error)
            .setPeerUpdate(
                StatusMapper.peerUpdate(agents, t -> now.minusNanos(Math.max(0, nowNanos - t))));
    if (!dns.getMode().isEmpty()) {
      b.setDns(dns);
    }
    return b.build();
  }

  private void onAgents(List<AgentView> update) {
    synchronized (this) {
      agents = List.copyOf(update);
    }
    broadcast();
  }

  private void broadcast() {
    ServiceMessage m = ServiceMessage.newBuilder().setStatus(status()).build();
    for (Speaker<ServiceMessage, ClientMessage> c : clients) {
      try {
        c.send(m);
      } catch (IOException e) {
        clients.remove(c);
      }
    }
  }

  /** Stops any session (service shutdown). */
  public void shutdown() {
    stop();
  }
}
