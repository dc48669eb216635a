// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import com.google.protobuf.Duration;
import dev.coderdesktop.tunnel.control.drpc.DrpcServer;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.DERPMap;
import dev.coderdesktop.tunnel.control.proto.RefreshResumeTokenResponse;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdate;
import dev.coderdesktop.tunnel.control.proto.WorkspaceUpdatesRequest;
import dev.coderdesktop.tunnel.control.yamux.YamuxSession;
import dev.coderdesktop.tunnel.control.yamux.YamuxStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The server side of Coder's tailnet API over plain sockets, for tests: yamux in server mode and a
 * dRPC method table answering Coordinate, WorkspaceUpdates, StreamDERPMaps and RefreshResumeToken.
 */
public final class FakeTailnetServer implements Closeable {

  public final BlockingQueue<CoordinateRequest> coordinateRequests = new LinkedBlockingQueue<>();
  public final BlockingQueue<WorkspaceUpdatesRequest> updateRequests = new LinkedBlockingQueue<>();
  public final BlockingQueue<WorkspaceUpdate> deltas = new LinkedBlockingQueue<>();
  public final BlockingQueue<CoordinateResponse> coordinateResponses = new LinkedBlockingQueue<>();
  public final BlockingQueue<DERPMap> derpMaps = new LinkedBlockingQueue<>();
  public final AtomicInteger tokensIssued = new AtomicInteger();
  public volatile WorkspaceUpdate snapshot = WorkspaceUpdate.getDefaultInstance();
  public volatile DERPMap derpMap = DERPMap.getDefaultInstance();

  /** Runs on the Coordinate call's thread after a Disconnect, before the call is ended. */
  public volatile Runnable onDisconnect = () -> {};

  private final ServerSocket listener;
  private final List<YamuxSession> sessions = new CopyOnWriteArrayList<>();
  private final DrpcServer drpc = new DrpcServer();

  public FakeTailnetServer() throws IOException {
    listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    String svc = "/coder.tailnet.v2.Tailnet/";
    drpc.register(
        svc + "Coordinate",
        s -> {
          Thread pusher =
              Thread.ofPlatform()
                  .daemon()
                  .start(
                      () -> {
                        try {
                          while (true) {
                            s.send(coordinateResponses.take().toByteArray());
                          }
                        } catch (InterruptedException | IOException e) {
                          // The call ended.
                        }
                      });
          try {
            byte[] m;
            while ((m = s.receive()) != null) {
              CoordinateRequest req = CoordinateRequest.parseFrom(m);
              coordinateRequests.add(req);
              if (req.hasDisconnect()) {
                // Like Coder's coordinator: a peer that said goodbye has its call ended.
                onDisconnect.run();
                break;
              }
            }
          } finally {
            pusher.interrupt();
          }
        });
    drpc.register(
        svc + "WorkspaceUpdates",
        s -> {
          updateRequests.add(WorkspaceUpdatesRequest.parseFrom(s.receive()));
          s.send(snapshot.toByteArray());
          try {
            while (true) {
              WorkspaceUpdate d = deltas.poll(100, TimeUnit.MILLISECONDS);
              if (d != null) {
                s.send(d.toByteArray());
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    drpc.register(
        svc + "StreamDERPMaps",
        s -> {
          s.receive();
          s.send(derpMap.toByteArray());
          // Like Coder, keep streaming after the client's CloseSend: send maps as they change.
          try {
            while (true) {
              DERPMap m = derpMaps.poll(100, TimeUnit.MILLISECONDS);
              if (m != null) {
                s.send(m.toByteArray());
              }
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    drpc.register(
        svc + "RefreshResumeToken",
        s -> {
          s.receive();
          s.send(
              RefreshResumeTokenResponse.newBuilder()
                  .setToken("token-" + tokensIssued.incrementAndGet())
                  .setRefreshIn(Duration.newBuilder().setSeconds(3600))
                  .build()
                  .toByteArray());
        });
    Thread.ofPlatform().daemon().name("fake-tailnet-accept").start(this::acceptLoop);
  }

  public int port() {
    return listener.getLocalPort();
  }

  private void acceptLoop() {
    try {
      while (true) {
        Socket sock = listener.accept();
        InputStream in = sock.getInputStream();
        OutputStream out = sock.getOutputStream();
        Thread.ofPlatform().daemon().start(() -> serve(in, out));
      }
    } catch (IOException e) {
      // Closed.
    }
  }

  /**
   * Serves the tailnet API on an established byte stream (a socket or a websocket) until the client
   * goes away or {@link #dropAll} ends the session.
   */
  public void serve(InputStream in, OutputStream out) {
    YamuxSession session = new YamuxSession(in, out, false);
    sessions.add(session);
    List<Thread> calls = new ArrayList<>();
    try {
      while (!session.isClosed()) {
        YamuxStream stream = session.acceptStream(1, TimeUnit.SECONDS);
        if (stream == null) {
          continue;
        }
        calls.add(
            Thread.ofPlatform()
                .daemon()
                .start(
                    () -> {
                      try {
                        drpc.serve(stream.inputStream(), stream.outputStream());
                        stream.outputStream().close();
                      } catch (IOException e) {
                        stream.reset();
                      }
                    }));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      // The streaming calls wait for news until interrupted: end them with their connection.
      calls.forEach(Thread::interrupt);
    }
  }

  /** Whether a connection has ended (the client hung up, or {@link #dropAll} ended it). */
  public boolean anyClosed() {
    return sessions.stream().anyMatch(YamuxSession::isClosed);
  }

  /** Drops every connection, as a server restart or network blip would. */
  public void dropAll() {
    for (YamuxSession s : sessions) {
      s.close();
    }
    sessions.clear();
  }

  @Override
  public void close() throws IOException {
    dropAll();
    listener.close();
  }
}
