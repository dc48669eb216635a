// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import dev.coderdesktop.testbed.config.NetworkShape;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The testbed's little network: a bridge on the host holding the testbed's address, and one network
 * namespace per host (each agent, and a test's client) hanging off it by a veth pair, or behind a
 * NAT router namespace that does. Clients and {@link NetworkShape#RELAY relay} agents sit on
 * isolated bridge ports, so they reach the testbed and the non-isolated ports ({@link
 * NetworkShape#DIRECT direct} agents and routers) but never each other. Names carry a random tag so
 * that several labs can coexist.
 *
 * <p>Needs root. Thread-safe; {@link #close} removes everything it made.
 */
public final class NetworkLab implements AutoCloseable {

  /**
   * A namespace on the lab network.
   *
   * @param namespace the namespace name
   * @param address its IPv4 address as the lab sees it: its own, or its router's for a host behind
   *     NAT
   * @param link the host end of the veth pair joining it (or its router) to the bridge
   * @param router the namespace of the router in front of it, if its shape has one
   */
  public record Host(String namespace, String address, String link, Optional<String> router) {

    /**
     * The command that runs a Java program in this host's namespace: {@code java} with native
     * access (TUN, netlink), the class path, the main class and its arguments.
     */
    public List<String> javaCommand(String java, String classPath, String main, String... args) {
      List<String> command =
          new ArrayList<>(
              List.of(
                  "ip",
                  "netns",
                  "exec",
                  namespace,
                  java,
                  "--enable-native-access=ALL-UNNAMED",
                  "-cp",
                  classPath,
                  main));
      command.addAll(List.of(args));
      return command;
    }
  }

  private final String tag;
  private final int subnet;
  private final String bridge;
  private final List<Host> hosts = new ArrayList<>();
  private int created;
  private boolean closed;

  private NetworkLab(String tag, int subnet) {
    this.tag = tag;
    this.subnet = subnet;
    this.bridge = "tb" + tag + "br";
  }

  /** Creates the bridge with the testbed's address. */
  public static NetworkLab create() throws IOException {
    byte[] r = new byte[2];
    new SecureRandom().nextBytes(r);
    NetworkLab lab = new NetworkLab(HexFormat.of().formatHex(r), 64 + (r[0] & 0x7f));
    try {
      Commands.run("ip", "link", "add", lab.bridge, "type", "bridge");
      // A bridge takes the lowest MAC among its ports unless given one: a later port would change
      // it, and every namespace that already knew the testbed's address would send to a MAC that
      // no longer answers. A fixed, locally administered address keeps it stable.
      Commands.run(
          "ip",
          "link",
          "set",
          lab.bridge,
          "address",
          String.format(java.util.Locale.ROOT, "02:77:%02x:%02x:00:01", r[0] & 0xff, r[1] & 0xff));
      Commands.run("ip", "addr", "add", lab.hostAddress() + "/24", "dev", lab.bridge);
      Commands.run("ip", "link", "set", lab.bridge, "up");
    } catch (IOException e) {
      lab.close();
      throw e;
    }
    return lab;
  }

  /** The tag in every name this lab creates. */
  public String tag() {
    return tag;
  }

  /** The testbed's address on the bridge, reachable from every namespace. */
  public String hostAddress() {
    return "10.77." + subnet + ".1";
  }

  /** Adds a namespace named after {@code role} that reaches clients only through the relay. */
  public Host addHost(String role) throws IOException {
    return addHost(role, NetworkShape.RELAY);
  }

  /**
   * Adds a namespace named after {@code role} on a network of the given shape: on the bridge by a
   * veth pair of its own, or behind a router namespace that is.
   */
  public synchronized Host addHost(String role, NetworkShape shape) throws IOException {
    int n = ++created;
    if (n > 240) {
      throw new IOException("too many namespaces in one lab");
    }
    String ns = "tb" + tag + "-" + role;
    String hostSide = "tb" + tag + "h" + n;
    String address = "10.77." + subnet + "." + (10 + n);
    Optional<String> router = shape.routed() ? Optional.of(ns + "-gw") : Optional.empty();
    Host h = new Host(ns, address, hostSide, router);
    hosts.add(h);
    String onBridge = router.orElse(ns);
    Commands.run("ip", "netns", "add", ns);
    if (router.isPresent()) {
      Commands.run("ip", "netns", "add", router.get());
    }
    Commands.run(
        "ip", "link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", onBridge);
    Commands.run("ip", "link", "set", hostSide, "master", bridge);
    // Clients sit on isolated ports too: an isolated port reaches only the non-isolated ones.
    String isolated = shape == NetworkShape.RELAY ? "on" : "off";
    Commands.run("bridge", "link", "set", "dev", hostSide, "isolated", isolated);
    Commands.run("ip", "link", "set", hostSide, "up");
    Commands.run("ip", "-n", onBridge, "addr", "add", address + "/24", "dev", "eth0");
    Commands.run("ip", "-n", onBridge, "link", "set", "eth0", "up");
    Commands.run("ip", "-n", ns, "link", "set", "lo", "up");
    if (router.isPresent()) {
      NatRouter.build(router.get(), ns, n, shape);
    }
    return h;
  }

  /** Removes one namespace, killing whatever still runs in it. */
  public synchronized void removeHost(Host h) {
    if (hosts.remove(h)) {
      delete(h);
    }
  }

  /**
   * Kills what runs in the namespace, deletes it, and deletes our end of its veth pair: the kernel
   * may keep a deleted namespace (and so the pair) alive for a while, for instance while sockets in
   * it wind down.
   */
  private static void delete(Host h) {
    deleteNamespace(h.namespace());
    h.router().ifPresent(NetworkLab::deleteNamespace);
    Commands.quietly("ip", "link", "del", h.link());
  }

  private static void deleteNamespace(String ns) {
    try {
      String pids = Commands.run("ip", "netns", "pids", ns);
      for (String pid : pids.split("\\s+")) {
        if (!pid.isBlank()) {
          Commands.quietly("kill", "-9", pid.strip());
        }
      }
    } catch (IOException e) {
      // The namespace may already be gone.
    }
    Commands.quietly("ip", "netns", "del", ns);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    for (Host h : hosts) {
      delete(h);
    }
    hosts.clear();
    Commands.quietly("ip", "link", "del", bridge);
  }
}
