// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.testbed.http.Exchange;
import dev.coderdesktop.testbed.http.ServerWebSocket;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.drpc.DrpcException;
import dev.coderdesktop.tunnel.control.drpc.DrpcServer;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdatesRequest;
import dev.coderdesktop.tunnel.control.yamux.YamuxSession;
import dev.coderdesktop.tunnel.control.yamux.YamuxStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The websocket endpoints of the tailnet API: {@code /api/v2/tailnet} for clients (Coordinate,
 * WorkspaceUpdates, StreamDERPMaps, RefreshResumeToken over yamux and dRPC, as coderd serves them)
 * and {@code /api/v2/workspaceagents/me/coordinate} for the testbed's agents (Coordinate only, the
 * peer id being the agent's id). Each connection gets its own method table bound to who signed in.
 *
 * <p>Thread-safe; each connection is served on the HTTP server's thread plus one per stream.
 */
public final class TailnetEndpoint {

  private static final Logger LOG = Logger.getLogger(TailnetEndpoint.class.getName());
  private static final String SERVICE = "/coder.tailnet.v2.Tailnet/";
  private static final long POLL_MS = 200;

  private final Deployment deployment;
  private final Coordinator coordinator;
  private final Supplier<DERPMap> derpMap;
  private final ResumeTokens resumeTokens;

  /**
   * Endpoints over {@code deployment}, coordinating through {@code coordinator}, resuming peers
   * with {@code resumeTokens}.
   */
  public TailnetEndpoint(
      Deployment deployment,
      Coordinator coordinator,
      Supplier<DERPMap> derpMap,
      ResumeTokens resumeTokens) {
    this.deployment = deployment;
    this.coordinator = coordinator;
    this.derpMap = derpMap;
    this.resumeTokens = resumeTokens;
  }

  /** {@code GET /api/v2/tailnet?version=2.x}: a client's control connection. */
  public void serveClient(Exchange ex) throws IOException {
    String sessionToken = ex.header("coder-session-token");
    Deployment.Auth auth = deployment.authenticate(sessionToken);
    if (!(auth instanceof Deployment.Auth.Ok ok)) {
      ex.json(
          401,
          auth instanceof Deployment.Auth.Revoked
              ? "{\"message\":\"The session token has been revoked.\"}"
              : "{\"message\":\"Invalid session token.\"}");
      return;
    }
    String version = ex.query("version");
    if (version == null || !version.matches("2\\.[0-9]+")) {
      ex.json(400, "{\"message\":\"Unsupported tailnet API version " + version + ".\"}");
      return;
    }
    // As coderd: a resume token names the peer id to keep; a bad or expired one is a 401 the
    // client answers by connecting afresh.
    String resume = ex.query("resume_token");
    UUID peerId = UUID.randomUUID();
    if (resume != null && !resume.isEmpty()) {
      java.util.Optional<UUID> resumed = resumeTokens.verify(resume);
      if (resumed.isEmpty()) {
        LOG.info("refused an invalid or expired resume token");
        ex.json(401, "{\"message\":\"Invalid resume token.\"}");
        return;
      }
      peerId = resumed.get();
    }
    ServerWebSocket ws = ServerWebSocket.accept(ex, null);
    if (ws == null) {
      return;
    }
    UUID peer = peerId;
    LOG.info(() -> "tailnet client connected for " + ok.user().username() + " as peer " + peer);
    YamuxSession session = new YamuxSession(ws.inputStream(), ws.outputStream(), false);
    // A revoked token ends the connections made with it (so clients learn at once, on redial).
    Consumer<Deployment> revocation =
        d -> {
          if (!(d.authenticate(sessionToken) instanceof Deployment.Auth.Ok)) {
            LOG.info("closing a tailnet connection whose session token was revoked");
            session.close();
          }
        };
    deployment.addListener(revocation);
    DrpcServer drpc = new DrpcServer();
    drpc.register(SERVICE + "Coordinate", s -> coordinate(session, peer, s));
    drpc.register(SERVICE + "WorkspaceUpdates", s -> workspaceUpdates(session, ok.user(), s));
    drpc.register(SERVICE + "StreamDERPMaps", s -> derpMaps(session, s));
    drpc.register(SERVICE + "RefreshResumeToken", s -> refreshResumeToken(peer, s));
    try {
      serveStreams(session, drpc);
    } finally {
      deployment.removeListener(revocation);
    }
  }

  /** {@code GET /api/v2/workspaceagents/me/coordinate}: an agent process's coordination. */
  public void serveAgent(Exchange ex) throws IOException {
    UUID agent = deployment.agentForToken(ex.header("coder-session-token")).orElse(null);
    if (agent == null) {
      ex.json(401, "{\"message\":\"Invalid agent token.\"}");
      return;
    }
    ServerWebSocket ws = ServerWebSocket.accept(ex, null);
    if (ws == null) {
      return;
    }
    LOG.info(() -> "agent " + agent + " connected");
    YamuxSession session = new YamuxSession(ws.inputStream(), ws.outputStream(), false);
    DrpcServer drpc = new DrpcServer();
    drpc.register(SERVICE + "Coordinate", s -> coordinate(session, agent, s));
    serveStreams(session, drpc);
  }

  private static void serveStreams(YamuxSession session, DrpcServer drpc) {
    try {
      while (!session.isClosed()) {
        YamuxStream st = session.acceptStream(1, TimeUnit.SECONDS);
        if (st == null) {
          continue;
        }
        Thread.ofPlatform()
            .daemon()
            .name("tailnet-call")
            .start(
                () -> {
                  try {
                    drpc.serve(st.inputStream(), st.outputStream());
                    st.outputStream().close();
                  } catch (IOException e) {
                    st.reset();
                  }
                });
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      session.close();
    }
  }

  private void coordinate(YamuxSession session, UUID id, DrpcServer.Stream s) throws IOException {
    BlockingQueue<CoordinateResponse> out = new LinkedBlockingQueue<>();
    Coordinator.Peer peer = coordinator.connect(id, out::add);
    Thread pusher =
        Thread.ofPlatform()
            .daemon()
            .name("coordinate-out")
            .start(() -> pump(session, out, r -> sendQuietly(s, r.toByteArray())));
    boolean disconnected = false;
    try {
      byte[] m;
      while ((m = s.receive()) != null) {
        CoordinateRequest req;
        try {
          req = CoordinateRequest.parseFrom(m);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
          throw new DrpcException(0, "malformed CoordinateRequest");
        }
        peer.handle(req);
        disconnected |= req.hasDisconnect();
        if (disconnected) {
          break;
        }
      }
    } finally {
      if (!disconnected) {
        peer.lost();
      }
      pusher.interrupt();
    }
  }

  private void workspaceUpdates(YamuxSession session, Deployment.User user, DrpcServer.Stream s)
      throws IOException {
    byte[] first = s.receive();
    if (first == null) {
      return;
    }
    WorkspaceUpdatesRequest req = WorkspaceUpdatesRequest.parseFrom(first);
    UUID owner;
    try {
      owner = Uuids.fromBytes(req.getWorkspaceOwnerId());
    } catch (IllegalArgumentException e) {
      throw new DrpcException(0, "malformed workspace owner id");
    }
    if (!owner.equals(user.id())) {
      throw new DrpcException(0, "you may only follow your own workspaces");
    }
    BlockingQueue<List<Deployment.Workspace>> changes = new LinkedBlockingQueue<>();
    Consumer<Deployment> listener = d -> changes.add(d.workspacesOf(owner));
    deployment.addListener(listener);
    try {
      List<Deployment.Workspace> sent = deployment.workspacesOf(owner);
      s.send(WorkspaceFeed.diff(List.of(), sent).toByteArray());
      while (!session.isClosed()) {
        List<Deployment.Workspace> now = changes.poll(POLL_MS, TimeUnit.MILLISECONDS);
        if (now == null) {
          continue;
        }
        WorkspaceUpdate d = WorkspaceFeed.diff(sent, now);
        if (!d.equals(WorkspaceUpdate.getDefaultInstance())) {
          s.send(d.toByteArray());
        }
        sent = now;
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      deployment.removeListener(listener);
    }
  }

  private void derpMaps(YamuxSession session, DrpcServer.Stream s) throws IOException {
    s.receive();
    s.send(derpMap.get().toByteArray());
    // Like coderd, the stream stays open to carry later maps; ours never changes.
    while (!session.isClosed() && !Thread.currentThread().isInterrupted()) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MS));
    }
  }

  private void refreshResumeToken(UUID peer, DrpcServer.Stream s) throws IOException {
    s.receive();
    s.send(resumeTokens.issue(peer).toByteArray());
  }

  private static <T> void pump(YamuxSession session, BlockingQueue<T> q, Consumer<T> send) {
    try {
      while (!session.isClosed()) {
        T item = q.poll(POLL_MS, TimeUnit.MILLISECONDS);
        if (item != null) {
          send.accept(item);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void sendQuietly(DrpcServer.Stream s, byte[] m) {
    try {
      s.send(m);
    } catch (IOException e) {
      LOG.log(Level.FINE, "coordinate send failed", e);
    }
  }
}
