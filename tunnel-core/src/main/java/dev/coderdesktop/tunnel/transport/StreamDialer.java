// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Opens the raw TCP or TLS stream an HTTP upgrade (DERP's) is sent on, through the policy's HTTP
 * proxy with a {@code CONNECT} tunnel when one applies, and with the policy's trust roots.
 * Stateless.
 */
public final class StreamDialer {

  private StreamDialer() {}

  /**
   * Connects to {@code url}'s host and port (https → TLS with ALPN http/1.1). {@code onSocket} gets
   * the socket before any blocking I/O so that the caller can close it to abort the dial.
   */
  public static Socket open(
      URI url, NetPolicy policy, Duration timeout, java.util.function.Consumer<Socket> onSocket)
      throws IOException {
    boolean tls =
        "https".equalsIgnoreCase(url.getScheme()) || "wss".equalsIgnoreCase(url.getScheme());
    int port = url.getPort() > 0 ? url.getPort() : (tls ? 443 : 80);
    Optional<URI> proxy = policy.proxyFor().apply(url);
    Socket raw = new Socket();
    onSocket.accept(raw);
    int ms = (int) timeout.toMillis();
    if (proxy.isPresent()) {
      URI p = proxy.get();
      raw.connect(new InetSocketAddress(p.getHost(), p.getPort() > 0 ? p.getPort() : 80), ms);
      raw.setSoTimeout(ms);
      connectThrough(raw, p, url.getHost(), port, policy.userAgent());
    } else {
      raw.connect(new InetSocketAddress(url.getHost(), port), ms);
    }
    if (!tls) {
      return raw;
    }
    SSLSocket ssl =
        (SSLSocket) policy.tls().getSocketFactory().createSocket(raw, url.getHost(), port, true);
    onSocket.accept(ssl);
    SSLParameters params = ssl.getSSLParameters();
    params.setApplicationProtocols(new String[] {"http/1.1"});
    params.setEndpointIdentificationAlgorithm("HTTPS");
    ssl.setSSLParameters(params);
    ssl.setSoTimeout(ms);
    try {
      ssl.startHandshake();
    } catch (javax.net.ssl.SSLException e) {
      throw new javax.net.ssl.SSLException(
          "the certificate of " + url.getHost() + " is not trusted: " + e.getMessage(), e);
    }
    return ssl;
  }

  /** Sends {@code CONNECT host:port} and reads the proxy's answer, which must be a 2xx. */
  static void connectThrough(Socket s, URI proxy, String host, int port, String userAgent)
      throws IOException {
    String authority = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    StringBuilder req = new StringBuilder();
    req.append("CONNECT ").append(authority).append(" HTTP/1.1\r\n");
    req.append("Host: ").append(authority).append("\r\n");
    req.append("User-Agent: ").append(userAgent).append("\r\n");
    String auth = NetPolicy.basicCredentials(proxy);
    if (auth != null) {
      req.append("Proxy-Authorization: ").append(auth).append("\r\n");
    }
    req.append("\r\n");
    OutputStream o = s.getOutputStream();
    o.write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
    o.flush();
    // HttpUpgrade reads byte by byte from the socket: nothing past the reply (TLS) is consumed.
    HttpUpgrade head = HttpUpgrade.read(s.getInputStream());
    int status = head.status();
    if (status < 200 || status > 299) {
      throw new ProtocolException(
          "the proxy "
              + proxy.getHost()
              + " refused to tunnel to "
              + authority
              + ": "
              + head.startLine());
    }
  }
}
