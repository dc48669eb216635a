// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.agent;

import com.google.protobuf.Timestamp;
import dev.coderdesktop.testbed.api.RelayAddress;
import dev.coderdesktop.testbed.http.HttpServer;
import dev.coderdesktop.tunnel.connect.NodeKeys;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.control.proto.Node;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.derp.DerpRelays;
import dev.coderdesktop.tunnel.derp.HomeRegion;
import dev.coderdesktop.tunnel.derp.RelayRegion;
import dev.coderdesktop.tunnel.derp.RelayRegions;
import dev.coderdesktop.tunnel.disco.DiscoHandler;
import dev.coderdesktop.tunnel.path.DirectTransport;
import dev.coderdesktop.tunnel.path.Endpoints;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.linux.LinuxTun;
import dev.coderdesktop.tunnel.wireguard.Device;
import dev.coderdesktop.tunnel.wireguard.WireGuardTimings;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * A testbed workspace agent, run inside its workspace's network namespace: a WireGuard peer on a
 * TUN device holding the agent's tailnet address, reachable through its home DERP region (which
 * moves to another region while its relay is down, as a Coder agent's does) and, unless told
 * otherwise, over direct UDP paths as a Coder agent is (STUN against the testbed's STUN server,
 * endpoints in its node, disco over UDP, CallMeMaybe answered by pinging back), with an HTTP
 * service on port 8080 (the namespace also runs sshd). It takes in every client the coordinator
 * sends and tells the coordinator when it is ready for the client's handshake.
 *
 * <p>Usage: {@code AgentMain <deployment-url> <agent-id> <interface> <display-name>
 * [--derp-websockets] [--stun HOST:PORT]... [--no-direct] [--derp ID=URL]... [--home ID]} (without
 * {@code --derp}: region 999 at the deployment's {@code /derp}), the agent token in {@code
 * TESTBED_AGENT_TOKEN}. Runs until stdin closes. picocli fills the fields.
 */
@Command(
    name = "AgentMain",
    mixinStandardHelpOptions = true,
    description = "A testbed workspace agent, inside its workspace's network namespace.")
public final class AgentMain implements Callable<Integer> {

  private static final Logger LOG = Logger.getLogger(AgentMain.class.getName());
  private static final int HTTP_PORT = 8080;
  private static final int MTU = 1280;

  @Parameters(index = "0", paramLabel = "DEPLOYMENT-URL", description = "The testbed's URL.")
  URI deployment;

  @Parameters(index = "1", paramLabel = "AGENT-ID", description = "The agent's id.")
  UUID agentId;

  @Parameters(index = "2", paramLabel = "INTERFACE", description = "The TUN device to create.")
  String iface;

  @Parameters(index = "3", paramLabel = "NAME", description = "The name its web page says.")
  String name;

  @Option(names = "--derp-websockets", description = "Reach the relay over a websocket.")
  boolean websockets;

  @Option(names = "--no-direct", description = "Relay only: no direct UDP paths.")
  boolean noDirect;

  @Option(names = "--stun", paramLabel = "HOST:PORT", description = "A STUN server (repeatable).")
  List<String> stun = new ArrayList<>();

  @Option(names = "--derp", paramLabel = "ID=URL", description = "A relay region (repeatable).")
  java.util.Map<Integer, URI> relays = new java.util.LinkedHashMap<>();

  @Option(names = "--home", paramLabel = "ID", description = "The home region (default 999).")
  int homeRegion = RelayAddress.REGION_ID;

  private AgentMain() {}

  /** Runs the agent. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new AgentMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    boolean directOn = !noDirect;
    List<InetSocketAddress> stunServers = new ArrayList<>();
    for (String s : stun) {
      List<InetSocketAddress> parsed = Endpoints.parse(List.of(s));
      if (parsed.isEmpty()) {
        return usage("bad --stun " + s);
      }
      stunServers.addAll(parsed);
    }
    String token = System.getenv("TESTBED_AGENT_TOKEN");
    if (token == null || token.isBlank()) {
      return usage("TESTBED_AGENT_TOKEN is not set");
    }

    String address = TailnetAddresses.agentAddress(agentId).getHostAddress();
    LinuxTun tun = LinuxTun.open(iface, MTU);
    run("ip", "-6", "addr", "add", address + "/128", "dev", iface);
    run("ip", "link", "set", iface, "mtu", String.valueOf(MTU), "up");
    run("ip", "-6", "route", "add", "fd60:627a:a42b::/48", "dev", iface);

    SystemClock clock = new SystemClock("agent");
    Key nodeKey = X25519.generatePrivateKey();
    Key discoKey = X25519.generatePrivateKey();
    java.util.Map<Integer, RelayRegion> regions = new java.util.HashMap<>();
    relays.forEach((id, u) -> regions.put(id, new RelayRegion(id, "", u, false)));
    regions.putIfAbsent(
        homeRegion, new RelayRegion(homeRegion, "", URI.create(deployment + "/derp"), false));
    DerpRelays derp =
        new DerpRelays(
            new RelayRegions(regions),
            homeRegion,
            nodeKey,
            Map.of(),
            websockets,
            dev.coderdesktop.tunnel.transport.NetPolicy.system(),
            clock);
    // Answer the clients' disco pings over the relay (and over UDP with direct paths on), as a
    // Coder agent does: their status shows each agent's latency and path from these.
    DiscoHandler disco =
        new DiscoHandler(
            discoKey,
            X25519.publicKey(nodeKey),
            homeRegion,
            (to, packet) -> derp.sendTo(to, packet, 0, packet.length),
            clock);
    derp.setDiscoHandler(disco::onDerpPacket);

    String cidr = address + "/128";
    AgentNode self =
        new AgentNode(
            Node.newBuilder()
                .setId(new SecureRandom().nextLong() & Long.MAX_VALUE)
                .setAsOf(Timestamp.newBuilder().setSeconds(clock.wallTime().getEpochSecond()))
                .setKey(NodeKeys.encodeNodeKey(X25519.publicKey(nodeKey)))
                .setDisco(NodeKeys.encodeDiscoKey(X25519.publicKey(discoKey)))
                .setPreferredDerp(homeRegion)
                .addAddresses(cidr)
                .addAllowedIps(cidr)
                .build());
    Optional<DirectTransport> direct =
        directOn
            ? Optional.of(
                DirectTransport.open(
                    derp,
                    disco,
                    stunServers,
                    clock,
                    eps -> self.setEndpoints(eps.stream().map(Endpoints::format).toList()),
                    (peer, status) -> LOG.info("path to client " + peer + ": " + status)))
            : Optional.empty();
    Device device =
        new Device(
            new Config(nodeKey, 0, List.of(), List.of()),
            tun,
            direct.isPresent() ? direct.get().bind() : derp,
            clock,
            WireGuardTimings.standard());
    device.start();
    direct.ifPresent(DirectTransport::start);
    // Peers learn a new home region from our node, as a Coder agent's do.
    HomeRegion home =
        new HomeRegion(
            derp,
            Map.of(),
            clock,
            region -> {
              disco.setHomeRegion(region);
              self.setPreferredDerp(region);
            });
    home.start();

    HttpServer web = new HttpServer();
    byte[] hello = ("hello from the testbed agent " + name + "\n").getBytes(StandardCharsets.UTF_8);
    web.route("GET /*", ex -> ex.respond(200, "text/plain; charset=utf-8", hello))
        .route("GET /bytes/*", Download::serve);
    web.listen(new InetSocketAddress("::", HTTP_PORT));

    AgentCoordination coordination = new AgentCoordination(deployment, token, self, clock);
    AgentPeers peers = new AgentPeers(device, derp, disco, direct, coordination::readyForHandshake);
    coordination.start(peers::onUpdate);
    StatsLog.start(clock, device);
    System.out.println(
        "agent ready "
            + agentId
            + " "
            + address
            + (direct.isPresent() ? " direct paths on" : " relay only"));
    System.out.flush();

    // The launcher keeps our stdin open; when it closes (or the launcher dies) we stop.
    while (System.in.read() >= 0) {
      // Input is ignored.
    }
    home.close();
    coordination.close();
    direct.ifPresent(DirectTransport::close);
    disco.close();
    web.close();
    device.close();
    clock.shutdown();
    return 0;
  }

  private static int usage(String why) {
    System.err.println("AgentMain: " + why + " (see --help)");
    return 2;
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
  }
}
