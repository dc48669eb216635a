// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.coderdesktop.tunnel.control.drpc.DrpcCall;
import dev.coderdesktop.tunnel.control.drpc.DrpcException;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.control.proto.RefreshResumeTokenRequest;
import dev.coderdesktop.tunnel.control.proto.RefreshResumeTokenResponse;
import dev.coderdesktop.tunnel.control.proto.StreamDERPMapsRequest;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdatesRequest;
import dev.coderdesktop.tunnel.control.yamux.YamuxSession;
import dev.coderdesktop.tunnel.control.yamux.YamuxStream;
import dev.coderdesktop.tunnel.liveness.Backoff;
import dev.coderdesktop.tunnel.liveness.Watchdog;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Coder Connect's control-plane session: over one dialled byte stream it runs yamux and, on their
 * own streams, the dRPC calls Coordinate (our node, tunnels to agents), WorkspaceUpdates (snapshot
 * then deltas), StreamDERPMaps and RefreshResumeToken. If any stream fails, or the yamux pings go
 * unanswered for {@link #DEAD_AFTER}, the whole connection is dropped and redialled with a jittered
 * exponential {@link Backoff} (250 ms to 10 s, forgotten only after 30 s connected), presenting the
 * resume token.
 *
 * <pre>
 *   NEW --start--> DIALING --ok--> CONNECTED --stream failure, silence, reconnect()--> BACKOFF
 *   BACKOFF --timer, reconnect()--> DIALING
 *   DIALING --401/403 with a resume token--> DIALING (token dropped, no wait)
 *   DIALING --401/403 without one--> REJECTED (terminal; listener told once)
 *   any --close--> CLOSED (terminal; when connected, sends Disconnect and waits up to 1 s for the
 *                          coordinator to end the Coordinate call before hanging up)
 * </pre>
 *
 * <p>Thread-safe; one named thread dials and supervises, one per stream reads.
 */
public final class TailnetControlClient implements Closeable {

  private static final Logger LOG = Logger.getLogger(TailnetControlClient.class.getName());
  private static final String SERVICE = "/coder.tailnet.v2.Tailnet/";
  static final Backoff.Policy BACKOFF =
      new Backoff.Policy(Duration.ofMillis(250), Duration.ofSeconds(10), Duration.ofSeconds(30));
  private static final Duration DEFAULT_REFRESH = Duration.ofMinutes(30);

  /** A failed resume-token refresh is tried again after this long. */
  static final Duration REFRESH_RETRY = Duration.ofSeconds(30);

  /** How often a connected client pings the server over yamux. */
  public static final Duration PROBE_EVERY = Duration.ofSeconds(4);

  /** Silence after which the connection counts as dead. */
  public static final Duration DEAD_AFTER = Duration.ofSeconds(12);

  private final ControlConnection.Dialer dialer;
  private final UUID ownerId;
  private final Clock clock;
  private final TailnetListener listener;
  private final Semaphore wake = new Semaphore(0);
  private final Timer retryTimer;
  private final Timer refreshTimer;
  private final Backoff backoff;
  // Set by reconnect(): the next dial goes out without waiting.
  private final java.util.concurrent.atomic.AtomicBoolean redialNow =
      new java.util.concurrent.atomic.AtomicBoolean();

  // Guarded by this.
  private final Set<UUID> tunnels = new LinkedHashSet<>();
  private Node self;
  private YamuxSession session;
  private DrpcCall coordinate;
  // Completes when the current Coordinate call has ended (the server closed it, or the session).
  private CompletableFuture<Void> coordinateEnded;
  private String resumeToken;
  private boolean refreshSupported = true;
  private boolean closed;
  private boolean rejected;
  private Watchdog watchdog;
  private Thread supervisor;

  /** A client that dials with {@code dialer} and follows the workspaces of {@code ownerId}. */
  public TailnetControlClient(
      ControlConnection.Dialer dialer, UUID ownerId, Clock clock, TailnetListener listener) {
    this.dialer = dialer;
    this.ownerId = ownerId;
    this.clock = clock;
    this.listener = listener;
    this.retryTimer = clock.newTimer("tailnet-retry", wake::release);
    this.backoff = new Backoff(BACKOFF, clock, new java.security.SecureRandom());
    this.refreshTimer =
        clock.newTimer(
            "tailnet-resume-refresh",
            () -> Thread.ofVirtual().name("tailnet-refresh").start(this::refreshResumeToken));
  }

  /** Starts dialling in the background. */
  public synchronized void start() {
    if (supervisor == null) {
      supervisor = Thread.ofPlatform().name("tailnet-control").daemon().start(this::supervise);
    }
  }

  /** The newest resume token, or null. */
  public synchronized String resumeToken() {
    return resumeToken;
  }

  /** Whether a control connection is up. */
  public synchronized boolean isConnected() {
    return coordinate != null;
  }

  /** Publishes our node (sent now if connected, and after every reconnect). */
  public void updateSelf(Node node) {
    synchronized (this) {
      self = node;
    }
    if (node.getPreferredDerp() != 0) {
      sendCoordinate(
          CoordinateRequest.newBuilder()
              .setUpdateSelf(CoordinateRequest.UpdateSelf.newBuilder().setNode(node))
              .build());
    }
  }

  /** Asks the coordinator for a tunnel to {@code agent} (kept across reconnects). */
  public void addTunnel(UUID agent) {
    synchronized (this) {
      if (!tunnels.add(agent)) {
        return;
      }
    }
    sendCoordinate(
        CoordinateRequest.newBuilder()
            .setAddTunnel(CoordinateRequest.Tunnel.newBuilder().setId(Uuids.toBytes(agent)))
            .build());
  }

  /** Drops the tunnel to {@code agent}. */
  public void removeTunnel(UUID agent) {
    synchronized (this) {
      if (!tunnels.remove(agent)) {
        return;
      }
    }
    sendCoordinate(
        CoordinateRequest.newBuilder()
            .setRemoveTunnel(CoordinateRequest.Tunnel.newBuilder().setId(Uuids.toBytes(agent)))
            .build());
  }

  private void sendCoordinate(CoordinateRequest req) {
    DrpcCall call;
    YamuxSession s;
    synchronized (this) {
      call = coordinate;
      s = session;
    }
    if (call == null) {
      return; // resent from our state after the next connection
    }
    try {
      call.send(req.toByteArray());
    } catch (IOException e) {
      // End the connection this call ran on and let the supervisor redial. A send that failed
      // slowly may find that connection already replaced: the new one must stay.
      s.abort("coordinate send failed: " + e.getMessage());
    }
  }

  private void supervise() {
    while (!isClosed()) {
      String reason;
      try {
        connectOnce();
        reason = awaitSessionEnd();
      } catch (ControlRejectedException e) {
        if (e.isSignInRejected() && onSignInRejected(e)) {
          return;
        }
        reason = e.getMessage();
      } catch (IOException | RuntimeException e) {
        reason = whySessionEnded(e.getMessage());
      }
      dropSession(reason);
      if (isClosed()) {
        return;
      }
      String why = reason;
      LOG.info(() -> "tailnet control disconnected: " + why);
      listener.onDisconnected(reason);
      Duration wait = backoff.next();
      if (redialNow.getAndSet(false)) {
        continue;
      }
      wake.drainPermits();
      retryTimer.mod(wait);
      wake.acquireUninterruptibly();
    }
  }

  /**
   * A 401 or 403 on dialling. Coder answers a stale or forged resume token with 401 too, so with a
   * token we drop it and dial once more at once as a new peer; without one the refusal is about the
   * session token and final. Returns whether the client stopped.
   */
  private boolean onSignInRejected(ControlRejectedException e) {
    synchronized (this) {
      if (resumeToken != null) {
        resumeToken = null;
        redialNow.set(true);
        LOG.info("the deployment refused our resume token; connecting afresh");
        return false;
      }
      if (closed) {
        return true;
      }
      rejected = true;
    }
    LOG.warning("the deployment refused our sign-in: " + e.getMessage());
    retryTimer.cancel();
    refreshTimer.cancel();
    listener.onSignInRejected(e.status(), e.getMessage());
    return true;
  }

  /** Whether the deployment refused our sign-in for good. */
  public synchronized boolean isRejected() {
    return rejected;
  }

  /**
   * Drops the connection (if any) and dials again at once with the backoff forgotten: the network
   * changed, so an old connection may be dead without knowing it and old failures say nothing.
   */
  public void reconnect(String reason) {
    backoff.reset();
    redialNow.set(true);
    YamuxSession s;
    synchronized (this) {
      s = session;
    }
    if (s != null) {
      s.abort("re-binding: " + reason);
    }
    retryTimer.cancel();
    wake.release();
  }

  private void connectOnce() throws IOException {
    ControlConnection conn = dialer.dial(resumeToken());
    LiveSession live = new LiveSession(conn, clock, PROBE_EVERY, DEAD_AFTER);
    YamuxSession s = live.session();
    synchronized (this) {
      if (closed) {
        s.close();
        return;
      }
      session = s;
      watchdog = live.watchdog();
    }
    live.watchdog().start();
    DrpcCall coord = call(s, "Coordinate");
    DrpcCall updates = call(s, "WorkspaceUpdates");
    DrpcCall derp = call(s, "StreamDERPMaps");
    updates.send(
        WorkspaceUpdatesRequest.newBuilder()
            .setWorkspaceOwnerId(Uuids.toBytes(ownerId))
            .build()
            .toByteArray());
    updates.closeSend();
    derp.send(StreamDERPMapsRequest.getDefaultInstance().toByteArray());
    derp.closeSend();
    Node node;
    Set<UUID> want;
    CompletableFuture<Void> ended = new CompletableFuture<>();
    synchronized (this) {
      if (closed || session != s) {
        // Closed, or dropped (watchdog, rebind) while the calls were opened: this connection is
        // over, and publishing its call now would pair it with no session.
        s.close();
        if (closed) {
          return;
        }
        throw new IOException("the connection was dropped while it was being set up");
      }
      coordinate = coord;
      coordinateEnded = ended;
      node = self;
      want = new LinkedHashSet<>(tunnels);
    }
    CoordinateRequest.Builder first = CoordinateRequest.newBuilder();
    if (node != null && node.getPreferredDerp() != 0) {
      first.setUpdateSelf(CoordinateRequest.UpdateSelf.newBuilder().setNode(node));
    }
    coord.send(first.build().toByteArray());
    for (UUID agent : want) {
      coord.send(
          CoordinateRequest.newBuilder()
              .setAddTunnel(CoordinateRequest.Tunnel.newBuilder().setId(Uuids.toBytes(agent)))
              .build()
              .toByteArray());
    }
    reader(
        "tailnet-coordinate",
        s,
        () -> {
          try {
            readCoordinate(coord);
          } finally {
            ended.complete(null);
          }
        });
    reader("tailnet-workspaces", s, () -> readWorkspaces(updates));
    reader("tailnet-derpmaps", s, () -> readDerpMaps(derp));
    backoff.connected();
    listener.onConnected();
    Thread.ofVirtual().name("tailnet-refresh").start(this::refreshResumeToken);
  }

  private static DrpcCall call(YamuxSession s, String method) throws IOException {
    YamuxStream st = s.openStream();
    return new DrpcCall(SERVICE + method, st.inputStream(), st.outputStream(), st::reset);
  }

  private interface StreamReader {
    void run() throws IOException;
  }

  private void reader(String name, YamuxSession s, StreamReader body) {
    Thread.ofPlatform()
        .name(name)
        .daemon()
        .start(
            () -> {
              String reason = name + " ended";
              try {
                body.run();
              } catch (IOException | RuntimeException e) {
                reason = name + ": " + e.getMessage();
              }
              // Any stream ending ends the connection; the supervisor redials.
              if (!s.isClosed()) {
                LOG.fine(reason);
                s.close();
              }
            });
  }

  private void readCoordinate(DrpcCall call) throws IOException {
    byte[] m;
    while ((m = call.receive()) != null) {
      CoordinateResponse r = decode(CoordinateResponse.parser(), m);
      if (!r.getError().isEmpty()) {
        listener.onCoordinatorError(r.getError());
      }
      for (CoordinateResponse.PeerUpdate u : r.getPeerUpdatesList()) {
        listener.onPeerUpdate(u);
      }
    }
  }

  private void readWorkspaces(DrpcCall call) throws IOException {
    WorkspaceState state = null;
    byte[] m;
    while ((m = call.receive()) != null) {
      WorkspaceUpdate u = decode(WorkspaceUpdate.parser(), m);
      // The first message on every connection is a snapshot: start from nothing.
      state = (state == null ? WorkspaceState.EMPTY : state).apply(u);
      listener.onWorkspaces(state);
    }
  }

  private void readDerpMaps(DrpcCall call) throws IOException {
    byte[] m;
    while ((m = call.receive()) != null) {
      listener.onDerpMap(decode(DERPMap.parser(), m));
    }
  }

  private static <T> T decode(com.google.protobuf.Parser<T> parser, byte[] bytes)
      throws DrpcException {
    try {
      return parser.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw new DrpcException(0, "malformed message: " + e.getMessage());
    }
  }

  private void refreshResumeToken() {
    YamuxSession s;
    synchronized (this) {
      s = session;
      if (s == null || !refreshSupported) {
        return;
      }
    }
    try {
      DrpcCall c = call(s, "RefreshResumeToken");
      RefreshResumeTokenResponse r =
          decode(
              RefreshResumeTokenResponse.parser(),
              c.unary(RefreshResumeTokenRequest.getDefaultInstance().toByteArray()));
      c.close();
      Duration next = Duration.ofSeconds(r.getRefreshIn().getSeconds());
      synchronized (this) {
        resumeToken = r.getToken();
      }
      refreshTimer.mod(next.isZero() || next.isNegative() ? DEFAULT_REFRESH : next);
    } catch (DrpcException e) {
      if (e.isUnimplemented()) {
        synchronized (this) {
          refreshSupported = false;
        }
      } else {
        LOG.log(Level.INFO, "resume token refresh failed; trying again in " + REFRESH_RETRY, e);
        refreshTimer.mod(REFRESH_RETRY);
      }
    } catch (IOException e) {
      // A dropped connection refreshes again right after the redial; a live one in a while.
      LOG.log(Level.FINE, "resume token refresh failed", e);
      refreshTimer.mod(REFRESH_RETRY);
    }
  }

  /**
   * Why a connection attempt failed: when the session was ended under it (silence, a re-bind), that
   * is the reason, not the "stream closed" the attempt then met.
   */
  private synchronized String whySessionEnded(String fallback) {
    return session != null && session.isClosed() && session.closeReason() != null
        ? session.closeReason()
        : fallback;
  }

  private String awaitSessionEnd() {
    YamuxSession s;
    synchronized (this) {
      s = session;
    }
    if (s == null) {
      return "closed";
    }
    try {
      while (!s.isClosed()) {
        s.acceptStream(1, java.util.concurrent.TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return s.closeReason();
  }

  private void dropSession(String reason) {
    YamuxSession s;
    Watchdog dog;
    CompletableFuture<Void> ended;
    synchronized (this) {
      s = session;
      dog = watchdog;
      ended = coordinateEnded;
      session = null;
      coordinate = null;
      coordinateEnded = null;
      watchdog = null;
    }
    if (dog != null) {
      dog.stop();
    }
    if (ended != null) {
      ended.complete(null); // a goodbye still waiting has nobody left to hear it
    }
    if (s != null && !s.isClosed()) {
      LOG.fine(() -> "dropping the control session: " + reason);
      s.close();
    }
  }

  private synchronized boolean isClosed() {
    return closed;
  }

  /**
   * Says goodbye to the coordinator (when connected) and stops. Returns once the coordinator has
   * ended the Coordinate call in answer, or after at most {@link Goodbye#WAIT} (the Disconnect's
   * send included), and then hangs up without waiting for a stuck write.
   */
  @Override
  public void close() {
    DrpcCall call;
    CompletableFuture<Void> ended;
    synchronized (this) {
      // First, so that the coordinator ending the call is not taken for a drop to redial.
      closed = true;
      call = coordinate;
      ended = coordinateEnded;
    }
    retryTimer.cancel();
    refreshTimer.cancel();
    if (call != null) {
      Goodbye.say(call, ended);
    }
    dropSession("closed");
    wake.release();
    dialer.release();
  }
}
