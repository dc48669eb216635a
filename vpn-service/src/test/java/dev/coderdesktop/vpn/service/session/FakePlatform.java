// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.connect.DerpSettings;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.tun.TunDevice;
import dev.coderdesktop.vpn.service.dns.HostTable;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A session platform that keeps the machine's state in fields (the device with its addresses and
 * routes, which go with it as the kernel's do; the name server; the resolver; the engine) and fails
 * at a chosen step with an IOException or a RuntimeException.
 */
final class FakePlatform implements SessionPlatform {

  /** The steps, in the order a session takes them. */
  static final List<String> STEPS =
      List.of(
          "signIn",
          "openTun",
          "addAddress:dns",
          "bringUp",
          "serveNames",
          "newEngine",
          "addAddress:ours",
          "addRoute",
          "applyResolver",
          "engine.start");

  private final String failAt;
  private final boolean runtime;
  volatile boolean failReleases;

  // What exists on the fake machine now: the device's addresses and routes, and the rest by name
  // ("tun", "link up", "names", "resolver", "engine", "engine running").
  final Set<String> addresses = ConcurrentHashMap.newKeySet();
  final Set<String> routes = ConcurrentHashMap.newKeySet();
  private final Set<String> present = ConcurrentHashMap.newKeySet();

  /** What the engine's first reach gives a Start (a test may hold it back). */
  volatile CompletableFuture<Boolean> reach = CompletableFuture.completedFuture(true);

  FakePlatform(String failAt, boolean runtime) {
    this.failAt = failAt;
    this.runtime = runtime;
  }

  private void step(String name) throws IOException {
    if (name.equals(failAt)) {
      if (runtime) {
        throw new IllegalStateException("injected failure at " + name);
      }
      throw new IOException("injected failure at " + name);
    }
  }

  private void release(String what) {
    if (failReleases) {
      throw new IllegalStateException("injected failure releasing " + what);
    }
  }

  /** Whether {@code what} ("tun", "link up", "names", "resolver", "engine running"...) exists. */
  boolean has(String what) {
    return present.contains(what);
  }

  /** Whether nothing the session set up is left. */
  boolean clean() {
    return present.isEmpty() && addresses.isEmpty() && routes.isEmpty();
  }

  @Override
  public String toString() {
    return present + " addresses=" + addresses + " routes=" + routes;
  }

  @Override
  public SignedIn signIn(Session.StartParams params) throws SignInException {
    if ("signIn".equals(failAt)) {
      if (runtime) {
        throw new IllegalStateException("injected failure at signIn");
      }
      throw new SignInException(SignInException.Kind.UNREACHABLE, "injected failure at signIn");
    }
    return new SignedIn(
        new ConnectConfig(
            URI.create(params.url()),
            params.token(),
            params.headers(),
            UUID.randomUUID(),
            "alice",
            "coder",
            DerpSettings.home(URI.create("https://derp.example.com/derp"), 1, false)),
        "v2.24.1",
        "alice");
  }

  @Override
  public TunDevice openTun(String name, int mtu) throws IOException {
    step("openTun");
    present.add("tun");
    // Without its device the kernel keeps no address or route; this close never fails, as closing
    // a file descriptor does not.
    return new FakeTun(
        name,
        mtu,
        () -> {
          present.remove("tun");
          present.remove("link up");
          addresses.clear();
          routes.clear();
        });
  }

  /** A device that reads nothing and drops what is written; {@code onClose} runs on close. */
  private record FakeTun(String name, int mtu, Runnable onClose) implements TunDevice {
    @Override
    public int read(ByteBuffer dst) throws IOException {
      throw new IOException("closed");
    }

    @Override
    public void write(ByteBuffer src) {}

    @Override
    public void close() {
      onClose.run();
    }
  }

  @Override
  public void addAddress(String ifname, Inet6Address address, boolean deprecated)
      throws IOException {
    step(deprecated ? "addAddress:dns" : "addAddress:ours");
    addresses.add(address.getHostAddress());
  }

  @Override
  public void bringUp(String ifname, int mtu) throws IOException {
    step("bringUp");
    present.add("link up");
  }

  @Override
  public void addRoute(String ifname, Inet6Address source) throws IOException {
    step("addRoute");
    routes.add("fd60:627a:a42b::/48 src " + source.getHostAddress());
  }

  @Override
  public NameServer serveNames(InetSocketAddress address, HostTable initial) throws IOException {
    step("serveNames");
    present.add("names");
    return new NameServer() {
      @Override
      public void setTable(HostTable table) {}

      @Override
      public void close() throws IOException {
        present.remove("names");
        if (failReleases) {
          throw new IOException("injected failure releasing the name server");
        }
      }
    };
  }

  @Override
  public String applyResolver(String ifname, String server, String suffix) throws IOException {
    step("applyResolver");
    present.add("resolver");
    return "";
  }

  @Override
  public void revertResolver(String ifname) {
    present.remove("resolver");
  }

  @Override
  public Engine newEngine(ConnectConfig config, TunDevice tun, ConnectListener listener) {
    if ("newEngine".equals(failAt)) {
      throw new IllegalStateException("injected failure at newEngine");
    }
    present.add("engine");
    Inet6Address ours = TailnetAddresses.randomClientAddress();
    return new Engine() {
      @Override
      public Inet6Address address() {
        return ours;
      }

      @Override
      public void start() {
        if ("engine.start".equals(failAt)) {
          // Half-started: threads are running when it throws.
          present.add("engine running");
          throw new IllegalStateException("injected failure at engine.start");
        }
        present.add("engine running");
      }

      @Override
      public CompletableFuture<Boolean> firstReach(java.time.Duration max) {
        return reach;
      }

      @Override
      public List<AgentView> agents() {
        return List.of();
      }

      @Override
      public void rebind(String reason) {}

      @Override
      public void close() {
        present.remove("engine running");
        present.remove("engine");
        release("the engine");
      }
    };
  }
}
