// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The testbed's little network: a bridge on the host holding the testbed's address, and one network
 * namespace per host (each agent, and a test's client) hanging off it by a veth pair. The bridge
 * ports are isolated, so namespaces reach the testbed but never each other: agents are reachable
 * only through the DERP relay. Names carry a random tag so that several labs can coexist.
 *
 * <p>Needs root. Thread-safe; {@link #close} removes everything it made.
 */
public final class NetworkLab implements AutoCloseable {

  /**
   * A namespace on the lab network.
   *
   * @param namespace the namespace name
   * @param address its IPv4 address on the bridge
   * @param link the host end of its veth pair
   */
  public record Host(String namespace, String address, String link) {}

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

  /** Adds a namespace named after {@code role} with its own veth pair. */
  public synchronized Host addHost(String role) throws IOException {
    int n = ++created;
    if (n > 240) {
      throw new IOException("too many namespaces in one lab");
    }
    String ns = "tb" + tag + "-" + role;
    String hostSide = "tb" + tag + "h" + n;
    String address = "10.77." + subnet + "." + (10 + n);
    Host h = new Host(ns, address, hostSide);
    hosts.add(h);
    Commands.run("ip", "netns", "add", ns);
    Commands.run(
        "ip", "link", "add", hostSide, "type", "veth", "peer", "name", "eth0", "netns", ns);
    Commands.run("ip", "link", "set", hostSide, "master", bridge);
    Commands.run("bridge", "link", "set", "dev", hostSide, "isolated", "on");
    Commands.run("ip", "link", "set", hostSide, "up");
    Commands.run("ip", "-n", ns, "addr", "add", address + "/24", "dev", "eth0");
    Commands.run("ip", "-n", ns, "link", "set", "eth0", "up");
    Commands.run("ip", "-n", ns, "link", "set", "lo", "up");
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
