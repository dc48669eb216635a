// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which HTTP proxy, if any, a connection to a URL goes through: the conventions of {@code
 * HTTPS_PROXY}, {@code HTTP_PROXY} and {@code NO_PROXY} (either case), which curl and Go's clients
 * (and so Coder's) follow, or an explicit proxy URL from the settings. One policy serves REST, the
 * tailnet websocket and DERP (through an HTTP CONNECT tunnel). Immutable and thread-safe.
 *
 * @param httpsProxy the proxy for https and wss URLs, or null
 * @param httpProxy the proxy for http and ws URLs, or null
 * @param noProxy host patterns that go direct: exact hosts, {@code .suffix} or {@code suffix}
 *     (matching subdomains too), {@code *} for all
 */
public record ProxyPolicy(URI httpsProxy, URI httpProxy, List<String> noProxy) {

  /** No proxy at all. */
  public static final ProxyPolicy NONE = new ProxyPolicy(null, null, List.of());

  /** Validates and copies. */
  public ProxyPolicy {
    noProxy = List.copyOf(noProxy);
    check(httpsProxy);
    check(httpProxy);
  }

  private static void check(URI proxy) {
    if (proxy == null) {
      return;
    }
    if (proxy.getHost() == null || !"http".equalsIgnoreCase(proxy.getScheme())) {
      throw new IllegalArgumentException(
          "only http:// proxies are supported, with a host: " + redact(proxy));
    }
  }

  /** From the environment, with {@code override} (a setting) taking precedence when non-null. */
  public static ProxyPolicy fromEnvironment(Map<String, String> env, String override) {
    if (override != null && !override.isBlank()) {
      URI p = parseProxy(override.strip());
      return new ProxyPolicy(p, p, noProxyList(env));
    }
    String https = first(env, "HTTPS_PROXY", "https_proxy");
    String http = first(env, "HTTP_PROXY", "http_proxy");
    return new ProxyPolicy(
        https == null ? null : parseProxy(https),
        http == null ? null : parseProxy(http),
        noProxyList(env));
  }

  private static List<String> noProxyList(Map<String, String> env) {
    String no = first(env, "NO_PROXY", "no_proxy");
    List<String> out = new ArrayList<>();
    if (no != null) {
      for (String p : no.split(",")) {
        String t = p.strip().toLowerCase(Locale.ROOT);
        if (!t.isEmpty()) {
          out.add(t);
        }
      }
    }
    return out;
  }

  private static String first(Map<String, String> env, String a, String b) {
    String v = env.get(a);
    if (v == null || v.isBlank()) {
      v = env.get(b);
    }
    return v == null || v.isBlank() ? null : v.strip();
  }

  private static URI parseProxy(String text) {
    String t = text.contains("://") ? text : "http://" + text;
    try {
      return URI.create(t);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not a proxy URL: " + text.replaceAll("//[^@/]*@", "//"));
    }
  }

  /** The proxy for {@code target}, if it goes through one. */
  public Optional<URI> proxyFor(URI target) {
    String scheme = target.getScheme() == null ? "" : target.getScheme().toLowerCase(Locale.ROOT);
    URI proxy = scheme.equals("https") || scheme.equals("wss") ? httpsProxy : httpProxy;
    if (proxy == null || bypass(target.getHost())) {
      return Optional.empty();
    }
    return Optional.of(proxy);
  }

  private boolean bypass(String host) {
    if (host == null) {
      return true;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    // This machine is never reached through a proxy (Go's clients, Coder's own, agree).
    if (h.equals("localhost") || h.startsWith("127.") || h.equals("::1")) {
      return true;
    }
    for (String p : noProxy) {
      if (p.equals("*")) {
        return true;
      }
      String bare = p.startsWith(".") ? p.substring(1) : p;
      int colon = bare.lastIndexOf(':');
      if (colon > 0 && bare.indexOf(':') == colon) {
        bare = bare.substring(0, colon); // "host:port": the port is not ours to compare
      }
      if (h.equals(bare) || h.endsWith("." + bare)) {
        return true;
      }
    }
    return false;
  }

  /** The {@code Proxy-Authorization} value for a proxy URL with user info, or null. */
  public static String proxyAuthorization(URI proxy) {
    // Percent-decoded, and a '+' stays a '+' (as curl and Go read it; a form decoder would make
    // it a space).
    String decoded = proxy.getUserInfo();
    if (decoded == null || decoded.isEmpty()) {
      return null;
    }
    return "Basic "
        + java.util.Base64.getEncoder()
            .encodeToString(decoded.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  /** This policy as a JDK selector, for the JDK's HTTP client. */
  public ProxySelector selector() {
    return new ProxySelector() {
      @Override
      public List<Proxy> select(URI uri) {
        return proxyFor(uri)
            .map(
                p ->
                    List.of(
                        new Proxy(
                            Proxy.Type.HTTP,
                            InetSocketAddress.createUnresolved(
                                p.getHost(), p.getPort() > 0 ? p.getPort() : 80))))
            .orElse(List.of(Proxy.NO_PROXY));
      }

      @Override
      public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // Nothing to learn: there is one proxy per scheme.
      }
    };
  }

  /** A proxy URL without its credentials, for messages. */
  public static String redact(URI proxy) {
    return proxy == null
        ? "none"
        : proxy.getScheme()
            + "://"
            + proxy.getHost()
            + (proxy.getPort() > 0 ? ":" + proxy.getPort() : "");
  }

  @Override
  public String toString() {
    return "ProxyPolicy[https="
        + redact(httpsProxy)
        + ", http="
        + redact(httpProxy)
        + ", noProxy="
        + noProxy
        + "]";
  }
}
