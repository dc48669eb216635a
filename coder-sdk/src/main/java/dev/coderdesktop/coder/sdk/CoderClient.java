// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.coder.sdk.net.ProxyPolicy;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Coder REST calls Coder Desktop makes. Every request carries the session token in the {@code
 * Coder-Session-Token} header plus the user's extra headers. Failures are typed {@link
 * CoderException}s whose messages never contain the token. Immutable and thread-safe.
 */
public final class CoderClient {

  /** Header names the user may not override (the last five the JDK's client sets itself). */
  private static final Set<String> RESERVED =
      Set.of("coder-session-token", "host", "content-length", "connection", "upgrade", "expect");

  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  /** A whole call, from dialling to the last byte of the reply. */
  private static final Duration CALL_TIMEOUT = TIMEOUT.multipliedBy(2);

  private static final int MAX_REDIRECTS = 3;

  /** The JDK's message for a CONNECT the proxy refused ("Tunnel failed, got: 407"). */
  private static final Pattern TUNNEL_FAILED = Pattern.compile("Tunnel failed(?:, got: (\\d{3}))?");

  /**
   * The largest reply read: Coder's replies are a few KB, a thousand workspaces' list a few MB. A
   * reply is held once as bytes and decoded from them, so the smallest heap (the CLI's 64 MB) keeps
   * room for it and its objects.
   */
  static final long MAX_REPLY_BYTES = 16L << 20;

  private final DeploymentUrl url;
  private final SessionToken token;
  private final Map<String, String> headers;
  private final Connectivity net;
  private final HttpClient http;
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /**
   * A client for {@code url}; {@code token} may be null for calls that need none (build info).
   *
   * @throws IllegalArgumentException if an extra header is malformed or reserved
   */
  public CoderClient(DeploymentUrl url, SessionToken token, Map<String, String> extraHeaders) {
    this(url, token, extraHeaders, Connectivity.defaults());
  }

  /**
   * As above, trusting and proxying as {@code net} says.
   *
   * @throws IllegalArgumentException if an extra header is malformed or reserved
   */
  public CoderClient(
      DeploymentUrl url, SessionToken token, Map<String, String> extraHeaders, Connectivity net) {
    this.url = url;
    this.token = token;
    Map<String, String> h = new LinkedHashMap<>();
    extraHeaders.forEach(
        (k, v) -> {
          if (!k.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("invalid header name: " + k);
          }
          if (RESERVED.contains(k.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("the header " + k + " cannot be overridden");
          }
          if (v.chars().anyMatch(c -> c < 0x20 && c != '\t' || c >= 0x7f)) {
            // Checked here, without the value in the message: the JDK's client would refuse
            // the same characters later, quoting the value.
            throw new IllegalArgumentException(
                "the value of header " + k + " has control or non-ASCII characters");
          }
          h.put(k, v);
        });
    this.headers = Map.copyOf(h);
    this.net = net;
    this.http = HttpTransport.client(net, TIMEOUT);
  }

  /** The deployment. */
  public DeploymentUrl url() {
    return url;
  }

  /** {@code GET /api/v2/buildinfo}. */
  public Values.BuildInfo buildInfo() throws CoderException {
    return get("/api/v2/buildinfo", Values.BuildInfo.class);
  }

  /** Fetches the build info and fails with {@link CoderException.UnsupportedServer} if too old. */
  public ServerVersion checkVersion() throws CoderException {
    String v = buildInfo().version();
    ServerVersion version;
    try {
      version = ServerVersion.parse(v);
    } catch (IllegalArgumentException e) {
      throw new CoderException.Protocol("the server reported an unreadable version: " + v);
    }
    if (!version.isSupported()) {
      throw new CoderException.UnsupportedServer(version);
    }
    return version;
  }

  /** {@code GET /api/v2/users/me}: also how a token is checked. */
  public Values.User me() throws CoderException {
    return get("/api/v2/users/me", Values.User.class);
  }

  /** {@code GET /api/v2/workspaceagents/connection}. */
  public Values.AgentConnectionInfo agentConnectionInfo() throws CoderException {
    return get("/api/v2/workspaceagents/connection", Values.AgentConnectionInfo.class);
  }

  /**
   * Builds the JSON readers for every reply a sign-in reads, from canned bodies, so that the first
   * sign-in does not pay for it (Jackson introspects each record type once, which takes tens of
   * milliseconds per type in a fresh JVM). No network; safe to call from any thread, repeatedly.
   */
  public static void warmUp() {
    try {
      JSON.readValue(
          "{\"version\":\"v2.24.1\",\"dashboard_url\":\"http://x\"}", Values.BuildInfo.class);
      JSON.readValue(
          "{\"id\":\"00000000-0000-0000-0000-000000000001\",\"username\":\"a\",\"email\":\"\"}",
          Values.User.class);
      JSON.readValue(
          "{\"derp_map\":{\"Regions\":{\"1\":{\"RegionID\":1,\"RegionCode\":\"a\","
              + "\"RegionName\":\"a\",\"Nodes\":[{\"Name\":\"1a\",\"RegionID\":1,"
              + "\"HostName\":\"h\",\"STUNPort\":-1,\"DERPPort\":443}]}}},"
              + "\"derp_force_websockets\":false,\"disable_direct_connections\":false,"
              + "\"hostname_suffix\":\"coder\"}",
          Values.AgentConnectionInfo.class);
    } catch (JsonProcessingException | RuntimeException e) {
      // Only a warm-up: the real reply is read (and its errors reported) later.
    }
  }

  /**
   * {@code GET path}, decoded as {@code type}; for the calls other packages of this SDK make.
   *
   * @throws CoderException typed: the server's error, unreachable, or not the Coder API
   */
  public <T> T get(String path, Class<T> type) throws CoderException {
    return call(path, null, type);
  }

  /**
   * {@code POST path} with {@code body} as JSON, the answer decoded as {@code type}.
   *
   * @throws CoderException typed: the server's error, unreachable, or not the Coder API
   */
  public <T> T post(String path, Object body, Class<T> type) throws CoderException {
    return call(path, body, type);
  }

  private <T> T call(String path, Object jsonBody, Class<T> type) throws CoderException {
    URI target = url.resolve(path);
    byte[] payload = null;
    if (jsonBody != null) {
      try {
        payload = JSON.writeValueAsBytes(jsonBody);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("cannot encode the request body", e);
      }
    }
    for (int hop = 0; ; hop++) {
      HttpResponse<byte[]> resp = exchange(request(target, payload), path, target);
      if (isRedirect(resp.statusCode())) {
        target = redirectTarget(target, resp, hop);
        continue;
      }
      byte[] body = resp.body() == null ? new byte[0] : resp.body();
      // Over plain http a proxy answers in the deployment's place (some with 401, not 407); in a
      // tunnel its refusals come as a failed CONNECT instead (exchange). Coder's own 401 always
      // has a message, and stays a revoked sign-in.
      boolean plainProxied =
          "http".equalsIgnoreCase(target.getScheme()) && net.proxy().proxyFor(target).isPresent();
      if (resp.statusCode() == 407
          || plainProxied && resp.statusCode() == 401 && !isCoderError(body)) {
        throw proxyRefused(resp.statusCode());
      }
      if (resp.statusCode() < 200 || resp.statusCode() > 299) {
        throw failure(resp.statusCode(), new String(body, StandardCharsets.UTF_8));
      }
      try {
        return decode(body, type);
      } catch (JsonProcessingException e) {
        throw new CoderException.Protocol(
            url.uri().getHost()
                + " did not answer "
                + path
                + " like a Coder server (HTTP "
                + resp.statusCode()
                + ", not the expected JSON)");
      }
    }
  }

  private HttpRequest request(URI target, byte[] payload) {
    HttpRequest.Builder b = HttpRequest.newBuilder(target).timeout(CALL_TIMEOUT);
    if (payload == null) {
      b.GET();
    } else {
      b.POST(HttpRequest.BodyPublishers.ofByteArray(payload));
      b.setHeader("Content-Type", "application/json");
    }
    b.setHeader("Accept", "application/json");
    b.setHeader("User-Agent", ProductInfo.userAgent());
    headers.forEach(b::setHeader);
    // Sent up front, as curl and Go's clients do with a proxy URL's user and password; the JDK
    // passes it to the proxy only (in the CONNECT of an https call) and never to the deployment.
    net.proxy()
        .proxyFor(target)
        .map(ProxyPolicy::proxyAuthorization)
        .ifPresent(auth -> b.setHeader("Proxy-Authorization", auth));
    if (token != null) {
      b.setHeader("Coder-Session-Token", token.reveal());
    }
    return b.build();
  }

  /** Sends one request and reads its reply, within {@link #CALL_TIMEOUT} and the size limit. */
  private HttpResponse<byte[]> exchange(HttpRequest req, String path, URI target)
      throws CoderException {
    CompletableFuture<HttpResponse<byte[]>> pending =
        http.sendAsync(req, BoundedBody.upTo(MAX_REPLY_BYTES));
    try {
      return pending.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      pending.cancel(true);
      Thread.currentThread().interrupt();
      throw new CoderException.Unreachable("Interrupted while calling " + url + " (" + path + ")");
    } catch (TimeoutException e) {
      pending.cancel(true);
      throw unreachable(path, "no complete answer within " + CALL_TIMEOUT.toSeconds() + " s");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      if (cause instanceof BoundedBody.TooLarge) {
        throw new CoderException.Protocol(
            url.uri().getHost() + " answered " + path + " with " + cause.getMessage());
      }
      Matcher tunnel = TUNNEL_FAILED.matcher(cause.getMessage() == null ? "" : cause.getMessage());
      if (tunnel.lookingAt()) {
        // The JDK's words for a CONNECT the proxy answered with other than 2xx.
        throw proxyRefused(tunnel.group(1) == null ? 0 : Integer.parseInt(tunnel.group(1)));
      }
      if (chain(cause).stream().anyMatch(javax.net.ssl.SSLException.class::isInstance)) {
        throw new CoderException.Unreachable(
            "The certificate of "
                + target.getHost()
                + " is not trusted ("
                + rootCause(cause)
                + "). If the deployment uses a company certificate authority, install it in"
                + " the system's certificate store (update-ca-certificates) or name it with"
                + " --ca-file.");
      }
      // Which call: a timeout after the first calls worked says the server stopped answering.
      throw unreachable(path, describe(cause, target));
    }
  }

  /** The proxy's refusal of a call to the deployment, with status {@code status} (0: unknown). */
  private CoderException.Unreachable proxyRefused(int status) {
    String answer = status > 0 ? "HTTP " + status : "an error";
    if (status == 401 || status == 407 || status == 0) {
      return new CoderException.Unreachable(
          "The proxy refused to carry the call to "
              + url
              + " ("
              + answer
              + "): check the user and password in HTTPS_PROXY or HTTP_PROXY"
              + " (http://user:password@proxy:port, special characters percent-encoded)");
    }
    // 403: the proxy's rules; 502, 503, 504: it could not reach or resolve the deployment.
    return new CoderException.Unreachable(
        "The proxy could not open a connection to " + url + " (" + answer + ")");
  }

  /** Whether {@code body} is a Coder error body (every Coder error has a message). */
  private static boolean isCoderError(byte[] body) {
    try {
      Values.ErrorBody e = decode(body, Values.ErrorBody.class);
      return e.message() != null && !e.message().isBlank();
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Why a call failed, in words: the JDK reports an unknown name or a refused connection as a
   * ConnectException without a message, and does not say when the proxy was the one unreachable.
   */
  private String describe(Throwable cause, URI target) {
    Optional<URI> proxy = net.proxy().proxyFor(target);
    String via = proxy.map(p -> " (the proxy " + p.getHost() + ":" + p.getPort() + ")").orElse("");
    String host = proxy.map(URI::getHost).orElse(target.getHost());
    List<Throwable> chain = chain(cause);
    // The specific causes first: the JDK wraps an unknown name in a ConnectException.
    for (Throwable t : chain) {
      if (t instanceof UnresolvedAddressException || t instanceof UnknownHostException) {
        return "the name " + host + " does not resolve" + via;
      }
      if (t instanceof HttpConnectTimeoutException) {
        return "timed out connecting" + via;
      }
    }
    if (chain.stream().anyMatch(ConnectException.class::isInstance)) {
      return "the connection was refused or the host is unreachable" + via;
    }
    return (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage())
        + via;
  }

  private CoderException.Unreachable unreachable(String path, String why) {
    return new CoderException.Unreachable("Cannot reach " + url + " (" + path + "): " + why);
  }

  private static boolean isRedirect(int status) {
    return status == 300
        || status == 301
        || status == 302
        || status == 303
        || status == 307
        || status == 308;
  }

  /**
   * Where a redirect leads, if it may be followed with the token: only within the deployment's own
   * origin (scheme, host and port), and a few times at most. Anything else is an error naming the
   * other origin, so the user can sign in there instead.
   */
  private URI redirectTarget(URI from, HttpResponse<?> resp, int hop) throws CoderException {
    String location = resp.headers().firstValue("Location").orElse(null);
    if (location == null || hop >= MAX_REDIRECTS) {
      throw new CoderException.Protocol(
          url.uri().getHost() + " answered with a redirect loop or a redirect without a target");
    }
    URI to;
    try {
      to = from.resolve(location);
    } catch (IllegalArgumentException e) {
      throw new CoderException.Protocol(url.uri().getHost() + " redirected to an invalid URL");
    }
    if (!sameOrigin(url.uri(), to)) {
      throw new CoderException.Api(
          resp.statusCode(),
          "The deployment redirected to "
              + to.getScheme()
              + "://"
              + to.getAuthority()
              + "; the session token is only sent to "
              + url
              + ". Sign in with the URL it redirects to",
          null);
    }
    return to;
  }

  private static boolean sameOrigin(URI a, URI b) {
    return a.getScheme() != null
        && a.getScheme().equalsIgnoreCase(b.getScheme())
        && a.getHost() != null
        && a.getHost().equalsIgnoreCase(b.getHost())
        && port(a) == port(b);
  }

  private static int port(URI u) {
    if (u.getPort() > 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** {@code e} and its causes, outermost first. */
  private static List<Throwable> chain(Throwable e) {
    List<Throwable> all = new ArrayList<>();
    for (Throwable t = e; t != null && !all.contains(t); t = t.getCause()) {
      all.add(t);
    }
    return all;
  }

  private static String rootCause(Throwable e) {
    Throwable t = chain(e).getLast();
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }

  /**
   * Decodes a response body; a body that is not JSON of the expected shape, or lacks what every
   * Coder server sends, fails with a {@link JsonProcessingException}.
   */
  static <T> T decode(String text, Class<T> type) throws JsonProcessingException {
    return decode(text.getBytes(StandardCharsets.UTF_8), type);
  }

  /** As above, from the reply's bytes (no second copy as a string). */
  static <T> T decode(byte[] body, Class<T> type) throws JsonProcessingException {
    T value;
    try {
      value = JSON.readValue(body, type);
    } catch (JsonProcessingException e) {
      throw e;
    } catch (java.io.IOException e) {
      // Reading from an array fails only as bad JSON; keep the one exception type callers expect.
      throw new com.fasterxml.jackson.databind.JsonMappingException(null, e.getMessage(), e);
    }
    if (value == null) {
      // The body was the JSON literal null.
      throw new com.fasterxml.jackson.databind.JsonMappingException(null, "a null body");
    }
    return value;
  }

  private CoderException failure(int status, String text) {
    String message = "HTTP " + status;
    String detail = null;
    try {
      Values.ErrorBody e = decode(text, Values.ErrorBody.class);
      if (e.message() != null && !e.message().isBlank()) {
        message = e.message();
      }
      detail = e.detail();
    } catch (JsonProcessingException ignored) {
      // Not a Coder error body (a proxy's page, say): the status has to do.
    }
    if (status == 401) {
      return new CoderException.Unauthorized(message, detail);
    }
    return new CoderException.Api(status, message, detail);
  }
}
