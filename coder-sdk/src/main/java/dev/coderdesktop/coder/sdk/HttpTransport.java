// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import dev.coderdesktop.coder.sdk.net.Connectivity;
import java.lang.ref.WeakReference;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Executors;

/**
 * The JDK HTTP client behind {@link CoderClient}: one per {@link Connectivity} while any client
 * made with it is alive, so that the app's many short-lived clients share connections and a
 * selector thread. Once no client holds it, it is collected and its selector thread ends; a daemon
 * that signs in once keeps no HTTP thread for the rest of the day. Its tasks run on virtual
 * threads. The engine's websockets use the same JDK client, so a process carries one HTTP stack.
 */
final class HttpTransport {

  /**
   * The JDK withholds Basic proxy credentials from CONNECT requests unless this is cleared. A proxy
   * URL with a user and password ({@code HTTPS_PROXY=http://user:pass@proxy:3128}) is the user
   * asking for exactly that, as curl and Go's clients read it. The property is read once, when the
   * JDK's HTTP client is first used, so the launchers also set it (scripts/jvm).
   */
  static final String TUNNEL_SCHEMES = "jdk.http.auth.tunneling.disabledSchemes";

  static {
    if (System.getProperty(TUNNEL_SCHEMES) == null) {
      System.setProperty(TUNNEL_SCHEMES, "");
    }
  }

  private static final Map<Connectivity, WeakReference<HttpClient>> CLIENTS = new WeakHashMap<>();

  private HttpTransport() {}

  /** The shared client for {@code net}, built when none is alive. */
  static synchronized HttpClient client(Connectivity net, Duration connectTimeout) {
    WeakReference<HttpClient> ref = CLIENTS.get(net);
    HttpClient c = ref == null ? null : ref.get();
    if (c == null) {
      c =
          HttpClient.newBuilder()
              // HTTP/1.1 on both schemes: no h2c upgrade offer to a proxy or an old server.
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(connectTimeout)
              .sslContext(net.trust().sslContext())
              .proxy(net.proxy().selector())
              // Redirects are followed by hand: the token must never reach another origin.
              .followRedirects(HttpClient.Redirect.NEVER)
              // Instead of a pool of platform threads that linger a minute after each call.
              .executor(Executors.newVirtualThreadPerTaskExecutor())
              .build();
      CLIENTS.put(net, new WeakReference<>(c));
    }
    return c;
  }
}
