// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import java.net.ProxySelector;
import java.net.URI;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;
import java.util.Optional;
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
