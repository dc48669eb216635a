// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import dev.coderdesktop.vpn.proto.Codec;
import dev.coderdesktop.vpn.proto.Framing;
import dev.coderdesktop.vpn.proto.Handshake;
import dev.coderdesktop.vpn.proto.ProtocolVersion;
import dev.coderdesktop.vpn.proto.Speaker;
import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.DnsSetup;
import dev.coderdesktop.vpn.proto.wire.RPC;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import dev.coderdesktop.vpn.proto.wire.WakeResponse;
import dev.coderdesktop.vpn.service.session.Session;
import dev.coderdesktop.vpn.service.session.SessionStore;
import dev.coderdesktop.vpn.service.session.SignInException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The service's API as a table of handlers over vpn.proto (ClientMessage in, ServiceMessage out):
 * Start, Stop, Status and Wake, each validated then acted on; a Start while another is in progress
 * fails fast; an identical repeat Start is a no-op, and a Start with another sign-in while started
 * stops the running session and starts one with the new sign-in. Every state change is broadcast as
 * a Status to every connected client through the client's {@link Outbox}, so no sender ever waits
 * for a client.
 *
 * <pre>
 *   STOPPED --start--> STARTING --ok--> STARTED --stop--> STOPPING --> STOPPED
 *     ^                  \--any failure (error kept)--> STOPPED       |
 *     |                                     STARTED --token refused--> STOPPING --> STOPPED (error)
 *     \___________________ a Start from STOPPED (with or without an error) ___________________/
 * </pre>
 *
 * <p>Thread-safe: state changes happen in {@link #changeStateLocked} under this object's lock.
 * Broadcasts are serialised by {@code broadcastLock}, which is taken before, never inside, this
 * object's lock.
 */
public final class VpnService implements LocalSocketServer.Handler {

  private static final Logger LOG = Logger.getLogger(VpnService.class.getName());
  private static final List<ProtocolVersion> VERSIONS = List.of(ProtocolVersion.CURRENT);

  /** Wakes closer together than this re-bind once (as Coder's tunnel debounces them). */
  static final Duration WAKE_DEBOUNCE = Duration.ofSeconds(5);

  /** How a Start ended, for the handler's reply and for restoring after a restart. */
  record Outcome(boolean ok, String error, SignInException.Kind kind) {
    static final Outcome OK = new Outcome(true, "", null);
  }

  private final Session.Factory factory;
  private final Clock clock;
  private final SessionStore store;
  private final ClientLimits limits;
  private final Set<Outbox> clients = new CopyOnWriteArraySet<>();
  private final Object broadcastLock = new Object();

  // Guarded by this.
  private Status.Lifecycle lifecycle = Status.Lifecycle.STOPPED;
  private String error = "";
  private Session session;
  private Session.StartParams running;
  private List<AgentView> agents = List.of();
  private DnsSetup dns = DnsSetup.getDefaultInstance();
  // Counts Starts and Stops, so events of an earlier session (or a stale restore) are ignored.
  private long generation;
  // A fatal report that arrived while the session was still starting.
  private String fatalWhileStarting;
  private long lastWakeNanos = Long.MIN_VALUE;

  /**
   * A service opening sessions with {@code factory}, remembering the wanted session in {@code
   * store}; {@code clock} times clients and maps handshake times to wall time.
   */
  public VpnService(Session.Factory factory, Clock clock, SessionStore store, ClientLimits limits) {
    this.factory = factory;
    this.clock = clock;
    this.store = store;
    this.limits = limits;
  }

  @Override
  public void serve(SocketChannel channel, String user) throws IOException {
    InputStream in = LocalSocketServer.in(channel);
    OutputStream out = LocalSocketServer.out(channel);
    Timer deadline =
        clock.newTimer(
            "handshake-deadline",
            () -> {
              LOG.warning(
                  "client "
                      + user
                      + " sent no version line in "
                      + limits.handshakeTimeout().toMillis()
                      + " ms; disconnected");
              closeQuietly(channel);
            });
    deadline.mod(limits.handshakeTimeout());
    try {
      Handshake.perform(in, out, Handshake.Role.SERVICE, Handshake.Role.CLIENT, VERSIONS);
    } finally {
      deadline.cancel();
    }
    // The outbox is this client's only writer; the speaker only reads (the service never sends
    // requests, so it needs no correlation of its own).
    Outbox outbox =
        new Outbox(
            user,
            m -> Framing.write(out, m.toByteArray(), Codec.SERVICE.maxSend()),
            () -> closeQuietly(channel),
            clock,
            limits.outboxDepth(),
            limits.stallTimeout());
    CountDownLatch done = new CountDownLatch(1);
    Speaker<ServiceMessage, ClientMessage> speaker =
        new Speaker<>(
            in,
            out,
            Codec.SERVICE,
            msg -> handle(outbox, msg),
            e -> {
              LOG.info("client " + user + " gone: " + e.getMessage());
              done.countDown();
            });
    clients.add(outbox);
    LOG.info("client connected: " + user);
    try {
      outbox.start();
      speaker.start();
      done.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      clients.remove(outbox);
      outbox.close();
      speaker.close();
    }
  }

  private static void closeQuietly(SocketChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      LOG.fine("close failed: " + e.getMessage());
    }
  }

  private void handle(Outbox to, ClientMessage msg) {
    ServiceMessage reply =
        switch (msg.getMsgCase()) {
          case START -> ServiceMessage.newBuilder().setStart(start(msg.getStart())).build();
          case STOP -> ServiceMessage.newBuilder().setStop(stop()).build();
          case STATUS -> ServiceMessage.newBuilder().setStatus(status()).build();
          case WAKE -> ServiceMessage.newBuilder().setWake(wake()).build();
          case MSG_NOT_SET -> null;
        };
    if (reply != null && msg.getRpc().getMsgId() != 0) {
      to.send(
          Codec.SERVICE.withRpc(
              reply, RPC.newBuilder().setResponseTo(msg.getRpc().getMsgId()).build()));
    }
  }

  StartResponse start(StartRequest req) {
    Map<String, String> headers = new LinkedHashMap<>();
    req.getHeadersList().forEach(h -> headers.put(h.getName(), h.getValue()));
    Outcome o =
        start(
            new Session.StartParams(
                req.getCoderUrl(),
                req.getApiToken(),
                headers,
                req.getDisableDirectConnections(),
                req.getAllowInsecureHttp()));
    return o.ok()
        ? StartResponse.newBuilder().setSuccess(true).build()
        : StartResponse.newBuilder().setErrorMessage(o.error()).build();
  }

  /** Starts a session for {@code want}, unless one runs or is on its way. */
  Outcome start(Session.StartParams want) {
    if (want.url().isBlank() || want.token().isBlank()) {
      return new Outcome(
          false, "a deployment URL and a token are required", SignInException.Kind.REFUSED);
    }
    boolean replace;
    synchronized (this) {
      if (lifecycle == Status.Lifecycle.STARTED && want.equals(running)) {
        return Outcome.OK;
      }
      replace = lifecycle == Status.Lifecycle.STARTED;
    }
    if (replace) {
      // Started with another sign-in (a new login, token or deployment): stop, then start anew.
      LOG.info("a Start with a new sign-in: stopping the running session first");
      StopResponse stopped = stop();
      if (!stopped.getSuccess()) {
        return new Outcome(false, stopped.getErrorMessage(), null);
      }
    }
    long gen;
    synchronized (this) {
      if (lifecycle == Status.Lifecycle.STARTED && want.equals(running)) {
        return Outcome.OK;
      }
      if (lifecycle != Status.Lifecycle.STOPPED) {
        return new Outcome(
            false,
            "the VPN is " + lifecycle.name().toLowerCase(Locale.ROOT) + "; stop it first",
            null);
      }
      gen = ++generation;
      fatalWhileStarting = null;
      changeStateLocked(Status.Lifecycle.STARTING, "");
    }
    broadcast();
    Session s = null;
    Outcome failed;
    try {
      s = factory.open(want, listener(gen));
      List<AgentView> now = s.agents();
      String warning = s.warning();
      DnsSetup setup =
          s.dns()
              .map(a -> DnsSetup.newBuilder().setMode(a.mode().id()).setDetail(a.detail()).build())
              .orElse(DnsSetup.getDefaultInstance());
      synchronized (this) {
        if (fatalWhileStarting == null) {
          session = s;
          running = want;
          agents = now;
          dns = setup;
          changeStateLocked(Status.Lifecycle.STARTED, warning);
        }
      }
      failed = fatalOf(s);
    } catch (SignInException e) {
      failed = new Outcome(false, e.getMessage(), e.kind());
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "start failed", e);
      if (s != null) {
        s.close();
      }
      failed =
          new Outcome(
              false,
              "internal error while starting: "
                  + e.getClass().getSimpleName()
                  + " "
                  + e.getMessage(),
              SignInException.Kind.SYSTEM);
    }
    if (failed != null) {
      synchronized (this) {
        changeStateLocked(Status.Lifecycle.STOPPED, failed.error());
      }
      if (failed.kind() == SignInException.Kind.SIGNED_OUT
          || failed.kind() == SignInException.Kind.REFUSED) {
        store.clear();
      }
      broadcast();
      return failed;
    }
    try {
      store.save(want);
    } catch (IOException | RuntimeException e) {
      LOG.warning("could not record the session for a restart: " + e.getMessage());
    }
    broadcast();
    return Outcome.OK;
  }

  /** Null when {@code s} is running, or the fatal report that arrived while it started. */
  private Outcome fatalOf(Session s) {
    String fatal;
    synchronized (this) {
      fatal = fatalWhileStarting;
    }
    if (fatal == null) {
      return null;
    }
    s.close();
    return new Outcome(false, fatal, SignInException.Kind.SIGNED_OUT);
  }

  private Session.Listener listener(long gen) {
    return new Session.Listener() {
      @Override
      public void onAgents(List<AgentView> update) {
        synchronized (VpnService.this) {
          if (gen != generation || lifecycle != Status.Lifecycle.STARTED) {
            return;
          }
          agents = List.copyOf(update);
        }
        broadcast();
      }

      @Override
      public void onFatal(String message) {
        // Closing the session joins engine threads, so never on the one reporting.
        Thread.ofVirtual().name("session-fatal").start(() -> endFatally(gen, message));
      }
    };
  }

  private void endFatally(long gen, String message) {
    Session s;
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      if (lifecycle == Status.Lifecycle.STARTING) {
        fatalWhileStarting = message;
        return;
      }
      if (lifecycle != Status.Lifecycle.STARTED) {
        return;
      }
      LOG.warning("the session cannot go on: " + message);
      changeStateLocked(Status.Lifecycle.STOPPING, "");
      s = session;
    }
    finishStopping(s, message);
  }

  StopResponse stop() {
    Session s;
    synchronized (this) {
      if (lifecycle == Status.Lifecycle.STOPPED) {
        generation++; // a pending restore must not start behind the user's back
        store.clear();
        return StopResponse.newBuilder().setSuccess(true).build();
      }
      if (lifecycle != Status.Lifecycle.STARTED) {
        return StopResponse.newBuilder()
            .setErrorMessage("the VPN is " + lifecycle.name().toLowerCase(Locale.ROOT))
            .build();
      }
      generation++;
      changeStateLocked(Status.Lifecycle.STOPPING, "");
      s = session;
    }
    finishStopping(s, "");
    return StopResponse.newBuilder().setSuccess(true).build();
  }

  /**
   * The rest of a stop once the state is STOPPING (outside the lock: closing a session takes
   * seconds): close the session, forget the recorded Start, end STOPPED with {@code message}.
   */
  private void finishStopping(Session s, String message) {
    broadcast();
    closeSession(s);
    store.clear();
    synchronized (this) {
      clearSessionLocked();
      changeStateLocked(Status.Lifecycle.STOPPED, message);
    }
    broadcast();
  }

  private static void closeSession(Session s) {
    try {
      s.close();
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "closing the session failed", e);
    }
  }

  private void clearSessionLocked() {
    session = null;
    running = null;
    agents = List.of();
    // The session's DNS setup goes with it (its note is the error text, cleared on STOPPED).
    dns = DnsSetup.getDefaultInstance();
  }

  WakeResponse wake() {
    return WakeResponse.newBuilder().setSuccess(resumed("a client reported a wake")).build();
  }

  /**
   * The machine woke (a client's Wake, or logind's PrepareForSleep(false)): re-binds the running
   * session once per {@link #WAKE_DEBOUNCE}, since the tray and logind report the same resume.
   * Returns false when no session runs or the re-bind failed. Safe from any thread; does not block
   * on the redials.
   */
  public boolean resumed(String why) {
    Session s;
    synchronized (this) {
      if (lifecycle != Status.Lifecycle.STARTED) {
        return false;
      }
      long now = clock.nanoTime();
      if (lastWakeNanos != Long.MIN_VALUE && now - lastWakeNanos < WAKE_DEBOUNCE.toNanos()) {
        return true;
      }
      lastWakeNanos = now;
      s = session;
    }
    LOG.info("wake: re-binding the session (" + why + ")");
    try {
      s.rebind(why);
      return true;
    } catch (RuntimeException e) {
      LOG.log(java.util.logging.Level.WARNING, "re-bind failed", e);
      return false;
    }
  }

  /**
   * The one transition method: moves to {@code want} with {@code message} as the status's error
   * text, refusing what the diagram does not allow.
   */
  private void changeStateLocked(Status.Lifecycle want, String message) {
    Status.Lifecycle was = lifecycle;
    boolean allowed =
        switch (want) {
          case STARTING -> was == Status.Lifecycle.STOPPED;
          case STARTED -> was == Status.Lifecycle.STARTING;
          case STOPPING -> was == Status.Lifecycle.STARTED;
          case STOPPED -> was == Status.Lifecycle.STARTING || was == Status.Lifecycle.STOPPING;
          default -> false;
        };
    if (!allowed) {
      throw new IllegalStateException("service: was " + was + ", requested " + want);
    }
    lifecycle = want;
    error = message;
    LOG.info(
        "service: was "
            + was
            + ", requested "
            + want
            + ", now "
            + lifecycle
            + (message.isEmpty() ? "" : " (" + message + ")"));
  }

  synchronized Status status() {
    long nowNanos = clock.nanoTime();
    Instant now = clock.wallTime();
    Status.Builder b =
        Status.newBuilder()
            .setLifecycle(lifecycle)
            .setErrorMessage(error)
            .setPeerUpdate(
                StatusMapper.peerUpdate(agents, t -> now.minusNanos(Math.max(0, nowNanos - t))));
    if (!dns.getMode().isEmpty()) {
      b.setDns(dns);
    }
    if (running != null && lifecycle == Status.Lifecycle.STARTED) {
      b.setDeploymentUrl(running.url());
    }
    return b.build();
  }

  private void broadcast() {
    synchronized (broadcastLock) {
      ServiceMessage m = ServiceMessage.newBuilder().setStatus(status()).build();
      for (Outbox c : clients) {
        c.sendSnapshot(m);
      }
    }
  }

  /** The current generation, for a restore to check that nobody acted since it was scheduled. */
  synchronized long generation() {
    return generation;
  }

  /** Stops any session (service shutdown); the record stays, so a restart brings it back. */
  public void shutdown() {
    Session s;
    synchronized (this) {
      if (lifecycle != Status.Lifecycle.STARTED) {
        return;
      }
      generation++;
      changeStateLocked(Status.Lifecycle.STOPPING, "");
      s = session;
    }
    closeSession(s);
    synchronized (this) {
      clearSessionLocked();
      changeStateLocked(Status.Lifecycle.STOPPED, "");
    }
  }
}
