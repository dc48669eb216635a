// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.function.Function;
import javax.net.ssl.SSLContext;

/**
 * How every connection to a deployment is made: which certificate authorities its TLS trusts, which
 * HTTP proxy (if any) a URL goes through, and the {@code User-Agent} it announces. The owner builds
 * one from the user's settings and hands it to the control plane and DERP alike, so the three HTTP
 * stacks cannot disagree. Immutable and thread-safe.
 *
 * @param tls the TLS context (trust roots)
 * @param proxyFor the proxy for a target URL ({@code http://[user:pass@]host:port}), or empty: what
 *     our own CONNECT tunnels use, credentials included
 * @param proxySelector the same choice as a JDK selector, for the JDK's HTTP client (the REST
 *     client's proxy policy makes both, so they agree)
 * @param userAgent the product's User-Agent
 */
public record NetPolicy(
    SSLContext tls,
    Function<URI, Optional<URI>> proxyFor,
    ProxySelector proxySelector,
    String userAgent) {

  /** Checks for nulls. */
  public NetPolicy {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(proxyFor, "proxyFor");
    Objects.requireNonNull(proxySelector, "proxySelector");
    Objects.requireNonNull(userAgent, "userAgent");
  }

  /**
   * The JDK withholds Basic proxy credentials from a CONNECT unless this list of refused schemes is
   * empty. It reads the property once, when its HTTP client is first used, so it is cleared (unless
   * set) before this class builds one; the launchers set it too.
   */
  private static final String TUNNEL_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

  static {
    if (System.getProperty(TUNNEL_SCHEMES) == null) {
      System.setProperty(TUNNEL_SCHEMES, "");
    }
  }

  /**
   * A JDK HTTP client (for websockets) that trusts and proxies as this policy says, its tasks on
   * virtual threads rather than a pool of platform threads. Give its requests {@link
   * #proxyAuthorization}.
   */
  public HttpClient httpClient(Duration connectTimeout) {
    return HttpClient.newBuilder()
        .connectTimeout(connectTimeout)
        .sslContext(tls)
        .proxy(proxySelector)
        .executor(Executors.newVirtualThreadPerTaskExecutor())
        .build();
  }

  /**
   * The {@code Proxy-Authorization} value for a call to {@code target}: Basic credentials from the
   * user and password of the proxy URL it goes through, or empty (no proxy, or none in the URL).
   * Sent up front, as curl and Go's clients do; the JDK's HTTP client gives it to the proxy only
   * (in the CONNECT of a {@code wss} call), never to the deployment.
   */
  public Optional<String> proxyAuthorization(URI target) {
    return proxyFor.apply(target).map(NetPolicy::basicCredentials);
  }

  /** {@code Basic base64(user:password)} from a proxy URL's user info, or null if it has none. */
  static String basicCredentials(URI proxy) {
    // Percent-decoded, and a '+' stays a '+' (as curl and Go read it).
    String creds = proxy.getUserInfo();
    if (creds == null || creds.isEmpty()) {
      return null;
    }
    return "Basic " + Base64.getEncoder().encodeToString(creds.getBytes(StandardCharsets.UTF_8));
  }

  /** The runtime's default trust, no proxy, a generic User-Agent (tests and tools). */
  public static NetPolicy system() {
    try {
      return new NetPolicy(
          SSLContext.getDefault(),
          u -> Optional.empty(),
          ProxySelector.of(null),
          "coder-desktop-java");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the Java runtime has no TLS", e);
    }
  }
}
