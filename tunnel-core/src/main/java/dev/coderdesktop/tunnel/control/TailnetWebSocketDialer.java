// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.transport.DialClient;
import dev.coderdesktop.tunnel.transport.NetPolicy;
import dev.coderdesktop.tunnel.transport.WebSocketStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Dials Coder's tailnet API: a websocket to {@code <deployment>/api/v2/tailnet?version=2.3} (plus
 * the resume token when there is one) carrying the session token and the user's extra headers.
 * Immutable and thread-safe. The token appears in no message or log line.
 */
public final class TailnetWebSocketDialer implements ControlConnection.Dialer {

  /** The tailnet API version Coder Connect asks for (it needs WorkspaceUpdates). */
  public static final String API_VERSION = "2.3";

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final URI deployment;
  private final String sessionToken;
  private final Map<String, String> headers;
  private final DialClient http;
  private final String userAgent;
  private final NetPolicy policy;

  /** A dialer for the deployment at {@code deployment} (http or https). */
  public TailnetWebSocketDialer(URI deployment, String sessionToken, Map<String, String> headers) {
    this(deployment, sessionToken, headers, NetPolicy.system());
  }

  /** As above, dialling (trust, proxy, User-Agent) as {@code policy} says. */
  public TailnetWebSocketDialer(
      URI deployment, String sessionToken, Map<String, String> headers, NetPolicy policy) {
    this.userAgent = policy.userAgent();
    this.policy = policy;
    this.deployment = deployment;
    this.sessionToken = sessionToken;
    this.headers = Map.copyOf(headers);
    this.http = new DialClient(policy, CONNECT_TIMEOUT);
  }

  /**
   * Shuts the HTTP client down: a session's control plane ends with it, and an abandoned client
   * keeps its selector thread until a garbage collection happens to find it.
   */
  @Override
  public void release() {
    http.close();
  }

  /** The HTTP client the dials share (for tests); after {@link #release()}, an exception. */
  HttpClient http() throws IOException {
    return http.get();
  }

  /** The websocket URI for a dial with {@code resumeToken} (null for none). */
  URI uri(String resumeToken) {
    String scheme = "https".equalsIgnoreCase(deployment.getScheme()) ? "wss" : "ws";
    String base = deployment.toString().replaceFirst("^[a-zA-Z]+://", "").replaceAll("/+$", "");
    String q = "version=" + API_VERSION;
    if (resumeToken != null) {
      q += "&resume_token=" + URLEncoder.encode(resumeToken, StandardCharsets.UTF_8);
    }
    return URI.create(scheme + "://" + base + "/api/v2/tailnet?" + q);
  }

  @Override
  public ControlConnection dial(String resumeToken) throws IOException {
    Map<String, String> all = new java.util.LinkedHashMap<>(headers);
    all.put("Coder-Session-Token", sessionToken);
    all.putIfAbsent("User-Agent", userAgent);
    URI target = uri(resumeToken);
    policy.proxyAuthorization(target).ifPresent(a -> all.put("Proxy-Authorization", a));
    WebSocketStream stream;
    try {
      stream = WebSocketStream.open(http(), target, all, java.util.List.of(), CONNECT_TIMEOUT);
    } catch (ExecutionException | CompletionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof WebSocketHandshakeException h) {
        int status = h.getResponse().statusCode();
        Object body = h.getResponse().body();
        if (status == 407) {
          // The proxy's refusal of the CONNECT: not the deployment refusing our sign-in, which
          // would end the session. Retried like any outage. (Inside the tunnel a proxy cannot
          // answer, so any other status is the deployment's.)
          throw proxyRefused("HTTP 407");
        }
        throw new ControlRejectedException(
            status,
            "the deployment refused the tailnet connection (HTTP "
                + status
                + ")"
                + (body instanceof String s && !s.isBlank() ? ": " + s.strip() : ""));
      }
      if (cause.getMessage() != null && cause.getMessage().startsWith("Tunnel failed")) {
        // The JDK's words for any other refused CONNECT ("Tunnel failed, got: 401").
        throw proxyRefused(cause.getMessage());
      }
      throw new IOException(
          "cannot reach the tailnet API at " + deployment.getHost() + ": " + cause.getMessage());
    } catch (TimeoutException e) {
      throw new IOException("timed out connecting to " + deployment.getHost());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    return new ControlConnection(stream.inputStream(), stream.outputStream(), stream::abort);
  }

  private static IOException proxyRefused(String answer) {
    return new IOException(
        "the proxy refused the tailnet connection ("
            + answer
            + "): check the proxy and the user and password in HTTPS_PROXY or HTTP_PROXY");
  }
}
