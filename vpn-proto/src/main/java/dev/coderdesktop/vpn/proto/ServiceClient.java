// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.StatusRequest;
import dev.coderdesktop.vpn.proto.wire.StopRequest;
import dev.coderdesktop.vpn.proto.wire.StopResponse;
import dev.coderdesktop.vpn.proto.wire.WakeRequest;
import dev.coderdesktop.vpn.proto.wire.WakeResponse;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The client library the tray app and the CLI share: connects to the service's socket, performs the
 * handshake, and offers Start, Stop and Status as blocking calls; pushed Status updates go to a
 * listener. Thread-safe.
 */
public final class ServiceClient implements Closeable {

  /** The service could not be reached (not installed, not running, or not allowed). */
  public static final class UnavailableException extends IOException {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }

  private static final long TIMEOUT_SECONDS = 120;

  private final SocketChannel channel;
  private final Speaker<ClientMessage, ServiceMessage> speaker;

  private ServiceClient(SocketChannel channel, Speaker<ClientMessage, ServiceMessage> speaker) {
    this.channel = channel;
    this.speaker = speaker;
  }

  /** Connects to the service at {@code socket}; {@code onStatus} hears pushed updates. */
  public static ServiceClient connect(Path socket, Consumer<Status> onStatus) throws IOException {
    return connect(socket, onStatus, e -> {});
  }

  /**
   * Connects like {@link #connect(Path, Consumer)}; {@code onClosed} hears, once, why the
   * connection ended (the service stopped or restarted, or {@link #close()} was called), so a
   * long-lived client such as the tray app knows to reconnect.
   */
  public static ServiceClient connect(
      Path socket, Consumer<Status> onStatus, Consumer<Throwable> onClosed) throws IOException {
    SocketChannel ch;
    try {
      ch = SocketChannel.open(StandardProtocolFamily.UNIX);
      ch.connect(UnixDomainSocketAddress.of(socket));
    } catch (IOException e) {
      throw new UnavailableException(
          "cannot reach the Coder Desktop service at "
              + socket
              + " ("
              + e.getMessage()
              + "): is it installed and running, and are you allowed to use it?");
    }
    var in = ChannelStreams.in(ch);
    var out = ChannelStreams.out(ch);
    try {
      Handshake.perform(
          in, out, Handshake.Role.CLIENT, Handshake.Role.SERVICE, List.of(ProtocolVersion.CURRENT));
    } catch (IOException e) {
      ch.close();
      throw new UnavailableException("the service refused the connection: " + e.getMessage());
    }
    Speaker<ClientMessage, ServiceMessage> s =
        new Speaker<>(
            in,
            out,
            Codec.CLIENT,
            m -> {
              if (m.hasStatus()) {
                onStatus.accept(m.getStatus());
              }
            },
            onClosed);
    // A platform thread, ended by close(): a command that exits right after its request must not
    // leave a thread waiting in the kernel (see Speaker#start(Thread.Builder)).
    s.start(Thread.ofPlatform().daemon());
    return new ServiceClient(ch, s);
  }

  /** Asks the service to connect to {@code url} with {@code token}. */
  public StartResponse start(String url, String token, Map<String, String> headers)
      throws IOException {
    return start(url, token, headers, false);
  }

  /** As above; {@code noDirect} keeps every agent on the DERP relay. */
  public StartResponse start(
      String url, String token, Map<String, String> headers, boolean noDirect) throws IOException {
    return start(url, token, headers, noDirect, false);
  }

  /**
   * As above; {@code allowInsecureHttp} tells the service the user accepted a plain {@code http://}
   * URL to another machine (it refuses one otherwise).
   */
  public StartResponse start(
      String url,
      String token,
      Map<String, String> headers,
      boolean noDirect,
      boolean allowInsecureHttp)
      throws IOException {
    StartRequest.Builder b =
        StartRequest.newBuilder()
            .setCoderUrl(url)
            .setApiToken(token)
            .setDisableDirectConnections(noDirect)
            .setAllowInsecureHttp(allowInsecureHttp);
    headers.forEach(
        (k, v) -> b.addHeaders(StartRequest.Header.newBuilder().setName(k).setValue(v)));
    return call(ClientMessage.newBuilder().setStart(b).build()).getStart();
  }

  /** Asks the service to disconnect. */
  public StopResponse stop() throws IOException {
    return call(ClientMessage.newBuilder().setStop(StopRequest.getDefaultInstance()).build())
        .getStop();
  }

  /** The service's state and the agents it knows. */
  public Status status() throws IOException {
    return call(ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build())
        .getStatus();
  }

  /**
   * Tells the service the machine resumed or the network changed, so it re-binds at once (this
   * project's Wake; false when the VPN is not on).
   */
  public WakeResponse wake() throws IOException {
    return call(ClientMessage.newBuilder().setWake(WakeRequest.getDefaultInstance()).build())
        .getWake();
  }

  private ServiceMessage call(ClientMessage m) throws IOException {
    try {
      return speaker.request(m).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IOException("the service connection failed: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new IOException("the service did not answer in " + TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }

  @Override
  public void close() throws IOException {
    speaker.close();
    channel.close();
    try {
      speaker.awaitReader(java.time.Duration.ofSeconds(1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
