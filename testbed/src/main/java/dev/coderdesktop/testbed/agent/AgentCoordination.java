// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.agent;

import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.drpc.DrpcCall;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.yamux.YamuxSession;
import dev.coderdesktop.tunnel.control.yamux.YamuxStream;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import dev.coderdesktop.tunnel.transport.WebSocketStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * An agent's side of coordination: publish our node on the testbed's agent endpoint (again whenever
 * its endpoints change) and pass the coordinator's peer updates (clients that opened a tunnel to
 * us) to the agent. Redials each second while the testbed is away.
 *
 * <p>Thread-safe; one thread dials and reads.
 */
final class AgentCoordination implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AgentCoordination.class.getName());
  private static final Duration RETRY = Duration.ofSeconds(1);
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final URI endpoint;
  private final String token;
  private final AgentNode self;
  private volatile Consumer<CoordinateResponse.PeerUpdate> updates = u -> {};
  private final Semaphore wake = new Semaphore(0);
  private final Timer retry;
  private final HttpClient http = HttpClient.newHttpClient();
  private volatile DrpcCall call;
  private volatile YamuxSession session;
  private volatile boolean closed;

  AgentCoordination(URI deployment, String token, AgentNode self, Clock clock) {
    String base = deployment.toString().replaceFirst("^http", "ws").replaceAll("/+$", "");
    this.endpoint = URI.create(base + "/api/v2/workspaceagents/me/coordinate");
    this.token = token;
    this.self = self;
    this.retry = clock.newTimer("agent-coordinate-retry", wake::release);
  }

  /** Starts dialling; {@code updates} hears every peer update. */
  void start(Consumer<CoordinateResponse.PeerUpdate> updates) {
    this.updates = updates;
    self.onChange(this::sendSelf);
    Thread.ofPlatform().name("agent-coordinate").daemon().start(this::run);
  }

  /** Sends our node as it is now, if connected (a reconnect sends it anyway). */
  private void sendSelf() {
    DrpcCall c = call;
    if (c == null) {
      return;
    }
    try {
      c.send(updateSelf().toByteArray());
    } catch (IOException e) {
      LOG.fine("node update not sent: " + e.getMessage());
    }
  }

  private CoordinateRequest updateSelf() {
    return CoordinateRequest.newBuilder()
        .setUpdateSelf(CoordinateRequest.UpdateSelf.newBuilder().setNode(self.current()))
        .build();
  }

  /** Tells the coordinator we took {@code client}'s node in, so it may start the handshake. */
  void readyForHandshake(UUID client) {
    DrpcCall c = call;
    if (c == null) {
      return;
    }
    try {
      c.send(
          CoordinateRequest.newBuilder()
              .addReadyForHandshake(
                  CoordinateRequest.ReadyForHandshake.newBuilder().setId(Uuids.toBytes(client)))
              .build()
              .toByteArray());
    } catch (IOException e) {
      LOG.fine("ready-for-handshake not sent: " + e.getMessage());
    }
  }

  private void run() {
    while (!closed) {
      try {
        once();
      } catch (IOException | RuntimeException e) {
        LOG.info("coordination ended: " + e.getMessage());
      } catch (InterruptedException e) {
        return;
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        LOG.info("cannot reach the coordinator: " + e.getMessage());
      }
      call = null;
      if (!closed) {
        retry.mod(RETRY);
        wake.acquireUninterruptibly();
      }
    }
  }

  private void once()
      throws IOException,
          InterruptedException,
          java.util.concurrent.ExecutionException,
          java.util.concurrent.TimeoutException {
    WebSocketStream ws =
        WebSocketStream.open(
            http, endpoint, Map.of("Coder-Session-Token", token), List.of(), TIMEOUT);
    YamuxSession s = new YamuxSession(ws.inputStream(), ws.outputStream(), true);
    session = s;
    try {
      YamuxStream st = s.openStream();
      DrpcCall c =
          new DrpcCall(
              "/coder.tailnet.v2.Tailnet/Coordinate",
              st.inputStream(),
              st.outputStream(),
              st::reset);
      c.send(updateSelf().toByteArray());
      call = c;
      LOG.info("coordinating as " + self.current().getAddresses(0));
      byte[] m;
      while ((m = c.receive()) != null) {
        CoordinateResponse r = CoordinateResponse.parseFrom(m);
        if (!r.getError().isEmpty()) {
          LOG.warning("coordinator: " + r.getError());
        }
        r.getPeerUpdatesList().forEach(updates::accept);
      }
    } finally {
      s.close();
      ws.abort();
    }
  }

  @Override
  public void close() {
    closed = true;
    YamuxSession s = session;
    if (s != null) {
      s.close();
    }
    wake.release();
  }
}
