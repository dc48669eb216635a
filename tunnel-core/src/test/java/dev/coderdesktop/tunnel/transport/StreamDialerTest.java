// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.ProxySelector;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** DERP's raw stream through an HTTP CONNECT proxy, as company networks require. */
@Timeout(20)
class StreamDialerTest {

  /** A one-connection HTTP CONNECT proxy that records request heads and splices to the target. */
  private static final class ConnectProxy implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    final List<HttpUpgrade> requests = new CopyOnWriteArrayList<>();
    final String answer;

    ConnectProxy(String answer) throws IOException {
      this.answer = answer;
      Thread.ofVirtual().start(this::serve);
    }

    private void serve() {
      try (Socket c = server.accept()) {
        HttpUpgrade head = HttpUpgrade.read(c.getInputStream());
        requests.add(head);
        c.getOutputStream().write((answer + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        if (!answer.contains(" 200 ")) {
          return;
        }
        String[] hp = head.startLine().split(" ")[1].split(":");
        try (Socket t = new Socket(hp[0], Integer.parseInt(hp[1]))) {
          Thread up = Thread.ofVirtual().start(() -> pipe(c, t));
          pipe(t, c);
          up.join();
        }
      } catch (IOException | InterruptedException e) {
        // the test sees the outcome
      }
    }

    private static void pipe(Socket from, Socket to) {
      try {
        from.getInputStream().transferTo(to.getOutputStream());
        to.shutdownOutput();
      } catch (IOException e) {
        // closed
      }
    }

    URI uri(String userInfo) {
      return URI.create("http://" + userInfo + "127.0.0.1:" + server.getLocalPort());
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  private static ServerSocket echo() throws IOException {
    ServerSocket s = new ServerSocket(0, 4, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              try (Socket c = s.accept()) {
                InputStream in = c.getInputStream();
                OutputStream out = c.getOutputStream();
                byte[] b = new byte[5];
                in.readNBytes(b, 0, 5);
                out.write(b);
                out.flush();
              } catch (IOException e) {
                // done
              }
            });
    return s;
  }

  private static NetPolicy via(URI proxy) throws Exception {
    return new NetPolicy(
        SSLContext.getDefault(),
        u -> Optional.ofNullable(proxy),
        ProxySelector.of(
            proxy == null
                ? null
                : InetSocketAddress.createUnresolved(proxy.getHost(), proxy.getPort())),
        "test-agent/1");
  }

  @Test
  @DisplayName("the stream goes through CONNECT with credentials and the User-Agent")
  void throughProxy() throws Exception {
    try (ServerSocket target = echo();
        ConnectProxy proxy = new ConnectProxy("HTTP/1.1 200 Connection established")) {
      URI url = URI.create("http://127.0.0.1:" + target.getLocalPort() + "/derp");
      try (Socket s =
          StreamDialer.open(url, via(proxy.uri("u:p%20w@")), Duration.ofSeconds(5), x -> {})) {
        s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
        assertEquals(
            "hello", new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
      }
      HttpUpgrade req = proxy.requests.get(0);
      assertEquals("CONNECT 127.0.0.1:" + target.getLocalPort() + " HTTP/1.1", req.startLine());
      assertEquals("Basic dTpwIHc=", req.header("Proxy-Authorization"));
      assertEquals("test-agent/1", req.header("User-Agent"));
    }
  }

  @Test
  @DisplayName("a proxy that refuses the tunnel gives an error naming the proxy and the answer")
  void refused() throws Exception {
    try (ConnectProxy proxy = new ConnectProxy("HTTP/1.1 407 Proxy Authentication Required")) {
      URI url = URI.create("https://relay.example:443/derp");
      ProtocolException e =
          assertThrows(
              ProtocolException.class,
              () -> StreamDialer.open(url, via(proxy.uri("")), Duration.ofSeconds(5), x -> {}));
      assertTrue(e.getMessage().contains("407"), e.getMessage());
      assertTrue(e.getMessage().contains("relay.example:443"), e.getMessage());
    }
  }

  @Test
  @DisplayName("without a proxy the stream connects directly")
  void direct() throws Exception {
    try (ServerSocket target = echo()) {
      URI url = URI.create("http://127.0.0.1:" + target.getLocalPort());
      try (Socket s = StreamDialer.open(url, via(null), Duration.ofSeconds(5), x -> {})) {
        s.getOutputStream().write("12345".getBytes(StandardCharsets.US_ASCII));
        assertEquals(
            "12345", new String(s.getInputStream().readNBytes(5), StandardCharsets.US_ASCII));
      }
    }
  }
}
