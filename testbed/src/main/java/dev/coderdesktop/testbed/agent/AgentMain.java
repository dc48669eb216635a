// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.agent;

import com.google.protobuf.Timestamp;
import dev.coderdesktop.testbed.http.HttpServer;
import dev.coderdesktop.tunnel.connect.NodeKeys;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.Uuids;
import dev.coderdesktop.tunnel.control.proto.CoordinateResponse;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpBind;
import dev.coderdesktop.tunnel.derp.DerpEndpoint;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.linux.LinuxTun;
import dev.coderdesktop.tunnel.wireguard.Device;
import dev.coderdesktop.tunnel.wireguard.WireGuardTimings;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import dev.coderdesktop.tunnel.wireguard.config.PeerConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * A testbed workspace agent, run inside its workspace's network namespace: a WireGuard peer on a
 * TUN device holding the agent's tailnet address, reachable only through the testbed's DERP relay,
 * with an HTTP service on port 8080 (the namespace also runs sshd). It takes in every client the
 * coordinator sends and tells the coordinator when it is ready for the client's handshake, as a
 * Coder agent does.
 *
 * <p>Usage: {@code AgentMain <deployment-url> <agent-id> <interface> <display-name>
 * [--derp-websockets]}, the agent token in {@code TESTBED_AGENT_TOKEN}. Runs until stdin closes.
 */
public final class AgentMain {

  private static final Logger LOG = Logger.getLogger(AgentMain.class.getName());
  private static final int HTTP_PORT = 8080;
  private static final int MTU = 1280;

  private AgentMain() {}

  /** Runs the agent. */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      System.err.println(
          "usage: AgentMain <deployment-url> <agent-id> <interface> <name> [--derp-websockets]");
      System.exit(2);
    }
    URI deployment = URI.create(args[0]);
    UUID agentId = UUID.fromString(args[1]);
    String iface = args[2];
    String name = args[3];
    boolean websockets = args.length > 4 && args[4].equals("--derp-websockets");
    String token = System.getenv("TESTBED_AGENT_TOKEN");
    if (token == null || token.isBlank()) {
      System.err.println("TESTBED_AGENT_TOKEN is not set");
      System.exit(2);
    }

    String address = TailnetAddresses.agentAddress(agentId).getHostAddress();
    LinuxTun tun = LinuxTun.open(iface, MTU);
    run("ip", "-6", "addr", "add", address + "/128", "dev", iface);
    run("ip", "link", "set", iface, "mtu", String.valueOf(MTU), "up");
    run("ip", "-6", "route", "add", "fd60:627a:a42b::/48", "dev", iface);

    SystemClock clock = new SystemClock("agent");
    Key nodeKey = X25519.generatePrivateKey();
    Key discoKey = X25519.generatePrivateKey();
    DerpBind derp =
        new DerpBind(URI.create(deployment + "/derp"), nodeKey, Map.of(), websockets, clock);
    Device device =
        new Device(
            new Config(nodeKey, 0, List.of(), List.of()),
            tun,
            derp,
            clock,
            WireGuardTimings.standard());
    // Answer the clients' disco pings over the relay, as a Coder agent does (their status shows
    // each agent's latency from these).
    DiscoHandler disco =
        new DiscoHandler(
            discoKey,
            X25519.publicKey(nodeKey),
            dev.coderdesktop.testbed.api.RelayAddress.REGION_ID,
            (to, packet) -> derp.client().send(to, packet, 0, packet.length),
            clock);
    derp.setDiscoHandler(disco::onDerpPacket);
    device.start();

    HttpServer web = new HttpServer();
    byte[] hello = ("hello from the testbed agent " + name + "\n").getBytes(StandardCharsets.UTF_8);
    web.route("GET /*", ex -> ex.respond(200, "text/plain; charset=utf-8", hello));
    web.listen(new InetSocketAddress("::", HTTP_PORT));

    String cidr = address + "/128";
    Node self =
        Node.newBuilder()
            .setId(new SecureRandom().nextLong() & Long.MAX_VALUE)
            .setAsOf(Timestamp.newBuilder().setSeconds(clock.wallTime().getEpochSecond()))
            .setKey(NodeKeys.encodeNodeKey(X25519.publicKey(nodeKey)))
            .setDisco(NodeKeys.encodeDiscoKey(X25519.publicKey(discoKey)))
            .setPreferredDerp(dev.coderdesktop.testbed.api.RelayAddress.REGION_ID)
            .addAddresses(cidr)
            .addAllowedIps(cidr)
            .build();
    Map<UUID, Key> clients = new ConcurrentHashMap<>();
    AgentCoordination coordination =
        new AgentCoordination(
            deployment, token, self, clock, (u, from) -> onPeer(u, device, disco, clients, from));
    coordination.start();
    new StatsLog(clock, device);
    System.out.println("agent ready " + agentId + " " + address);
    System.out.flush();

    // The launcher keeps our stdin open; when it closes (or the launcher dies) we stop.
    while (System.in.read() >= 0) {
      // Input is ignored.
    }
    coordination.close();
    disco.close();
    web.close();
    device.close();
    clock.shutdown();
  }

  /** Logs the device's counters every 5 s when they changed, for whoever debugs a test run. */
  private static final class StatsLog {
    private final Device device;
    private final dev.coderdesktop.tunnel.time.Timer timer;
    // Only the clock's thread touches this.
    private String last = "";

    StatsLog(SystemClock clock, Device device) {
      this.device = device;
      this.timer = clock.newTimer("agent-stats", this::log);
      timer.mod(java.time.Duration.ofSeconds(5));
    }

    private void log() {
      var st = device.stats();
      StringBuilder b = new StringBuilder("dropped " + st.dropped());
      st.peers()
          .forEach(
              p ->
                  b.append("; peer rx ")
                      .append(p.rxBytes())
                      .append(" tx ")
                      .append(p.txBytes())
                      .append(" handshakes ")
                      .append(p.handshakes()));
      if (!b.toString().equals(last)) {
        last = b.toString();
        LOG.info(last);
      }
      timer.mod(java.time.Duration.ofSeconds(5));
    }
  }

  private static void onPeer(
      CoordinateResponse.PeerUpdate u,
      Device device,
      DiscoHandler disco,
      Map<UUID, Key> clients,
      AgentCoordination coordination) {
    UUID client;
    try {
      client = Uuids.fromBytes(u.getId());
    } catch (IllegalArgumentException e) {
      return;
    }
    switch (u.getKind()) {
      case NODE -> {
        Key key;
        List<IpPrefix> allowed = new ArrayList<>();
        try {
          key = NodeKeys.decodeNodeKey(u.getNode().getKey());
          for (String p : u.getNode().getAllowedIpsList()) {
            allowed.add(IpPrefix.parse(p));
          }
        } catch (IllegalArgumentException e) {
          LOG.warning("ignoring a malformed node: " + e.getMessage());
          return;
        }
        Key old = clients.put(client, key);
        if (old != null && !old.equals(key)) {
          device.removePeer(old);
        }
        device.addPeer(new PeerConfig(key, null, allowed, new DerpEndpoint(key), null));
        if (!u.getNode().getDisco().isEmpty()) {
          try {
            disco.setPeer(key, NodeKeys.decodeDiscoKey(u.getNode().getDisco()));
          } catch (IllegalArgumentException e) {
            LOG.warning("client " + client + " sent a malformed disco key");
          }
        }
        LOG.info("client " + client + " added");
        coordination.readyForHandshake(client);
      }
      case DISCONNECTED -> {
        Key key = clients.remove(client);
        if (key != null) {
          device.removePeer(key);
          disco.removePeer(key);
          LOG.info("client " + client + " left");
        }
      }
      default -> {
        // LOST clients keep their peer: the session may still work.
      }
    }
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
  }
}
