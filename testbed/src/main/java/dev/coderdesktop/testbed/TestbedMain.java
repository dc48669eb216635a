// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.testbed.config.ConfigException;
import dev.coderdesktop.testbed.config.NetworkShape;
import dev.coderdesktop.testbed.config.TestbedConfig;
import dev.coderdesktop.testbed.netns.AgentFleet;
import dev.coderdesktop.testbed.netns.NetworkLab;
import dev.coderdesktop.testbed.stun.StunServer;
import dev.coderdesktop.testbed.tls.TestbedCa;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Starts a testbed deployment and prints its URL and a session token. As root it builds the lab
 * network and runs every agent of a running workspace in its own namespace; with {@code
 * --no-agents} it serves only the API, tailnet and relay on loopback (no root needed).
 *
 * <pre>
 * testbed [--config FILE] [--port N] [--state-dir DIR] [--keep-state] [--derp-websockets]
 *         [--no-agents] [--tls] [--resume-token-expiry SECONDS] [--regions N]
 *         [--virtual-workspaces N]
 * </pre>
 *
 * With {@code --regions 2} (or more) it serves extra DERP regions (998, ...), each a relay on a
 * port of its own, and the agents' home regions take turns among them all.
 *
 * <p>With {@code --virtual-workspaces N} the first user also owns N workspaces {@code v1} to {@code
 * vN}, each with one agent {@code main} of the {@code virtual} shape: it exists only in the
 * coordinator and the workspace feed (no namespace, no process), so a client can be measured with a
 * thousand agents.
 *
 * <p>With {@code --tls} it serves HTTPS with a certificate from a CA made for this run, whose PEM
 * it leaves in the state directory (named by {@code ca_file} in the JSON).
 *
 * <p>Without {@code --state-dir} the state (the token, the agents' ssh private key, logs) goes to a
 * new {@code /tmp/coder-testbed-*} directory that is deleted on exit unless {@code --keep-state}; a
 * directory given with {@code --state-dir} is the caller's and stays.
 *
 * <p>The last line printed before it settles is JSON for scripts: {@code url}, {@code token},
 * {@code user}, {@code ssh_key}. It runs until SIGINT or SIGTERM, then removes everything it made.
 */
@Command(
    name = "testbed",
    mixinStandardHelpOptions = true,
    description = "A local Coder-compatible deployment with agents in network namespaces.")
public final class TestbedMain implements Callable<Integer> {

  @Option(names = "--config", paramLabel = "FILE", description = "Users and workspaces (JSON).")
  Path configFile;

  @Option(names = "--port", paramLabel = "N", description = "The HTTP port (default: any).")
  int port;

  @Option(names = "--state-dir", paramLabel = "DIR", description = "Token, ssh key and logs.")
  Path stateDir;

  @Option(names = "--keep-state", description = "Keep the temporary state directory on exit.")
  boolean keepState;

  @Option(names = "--no-agents", description = "Serve on loopback only, without agents or root.")
  boolean noAgents;

  @Option(names = "--derp-websockets", description = "Tell clients to reach DERP by websocket.")
  boolean websockets;

  @Option(names = "--tls", description = "Serve HTTPS with a CA made for this run.")
  boolean tls;

  @Option(names = "--resume-token-expiry", paramLabel = "SECONDS", description = "Token life.")
  Long resumeExpirySeconds;

  @Option(names = "--regions", paramLabel = "N", description = "DERP regions to serve (1 to 9).")
  int regions = 1;

  @Option(
      names = "--virtual-workspaces",
      paramLabel = "N",
      description = "N more workspaces with one agent that exists only in the coordinator.")
  int virtualWorkspaces;

  private TestbedMain() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new TestbedMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    Path stateDir = this.stateDir;
    boolean agents = !noAgents;
    java.time.Duration resumeExpiry =
        resumeExpirySeconds == null
            ? dev.coderdesktop.testbed.tailnet.ResumeTokens.DEFAULT_EXPIRY
            : java.time.Duration.ofSeconds(resumeExpirySeconds);
    TestbedConfig config;
    try {
      config = configFile == null ? defaultConfig() : TestbedConfig.read(configFile);
    } catch (ConfigException e) {
      System.err.println("testbed: bad config: " + e.getMessage());
      return 2;
    }
    if (virtualWorkspaces < 0 || virtualWorkspaces > 100_000) {
      System.err.println("testbed: --virtual-workspaces must be 0 to 100000");
      return 2;
    }
    if (virtualWorkspaces > 0 && config.users().isEmpty()) {
      System.err.println("testbed: --virtual-workspaces needs a user in the config");
      return 2;
    }
    if ((websockets && !config.derpForceWebsockets()) || virtualWorkspaces > 0) {
      config =
          new TestbedConfig(
              config.version(),
              config.hostnameSuffix(),
              websockets || config.derpForceWebsockets(),
              config.users(),
              withVirtual(config, virtualWorkspaces),
              config.disableDirectConnections());
    }
    Path ownState = null;
    if (stateDir == null) {
      stateDir = Files.createTempDirectory("coder-testbed-");
      ownState = keepState ? null : stateDir;
    }
    Files.createDirectories(stateDir);
    Path deleteOnExit = ownState;

    SystemClock clock = new SystemClock("testbed");
    if (regions < 1 || regions > 9) {
      System.err.println("testbed: --regions takes 1 to 9");
      return 2;
    }
    Testbed testbed = new Testbed(config, clock, resumeExpiry, regions);
    NetworkLab lab = null;
    AgentFleet fleet = null;
    CountDownLatch done = new CountDownLatch(1);
    try {
      String host = "127.0.0.1";
      if (agents) {
        lab = NetworkLab.create();
        host = lab.hostAddress();
      }
      TestbedCa ca = tls ? TestbedCa.create(stateDir.resolve("tls"), host) : null;
      URI url =
          testbed.start(
              new InetSocketAddress(host, port), host, ca == null ? null : ca.serverContext());
      if (lab != null) {
        fleet =
            new AgentFleet(
                testbed.deployment(),
                lab,
                url,
                testbed.stun().map(StunServer::address),
                stateDir,
                config.derpForceWebsockets(),
                ca == null ? null : ca.trustStore());
        fleet.setRelays(testbed.relayUrls());
        fleet.start();
        testbed.agentPorts(fleet::listeningPorts);
      }
      NetworkLab labRef = lab;
      AgentFleet fleetRef = fleet;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    shutdown(fleetRef, labRef, testbed);
                    StateDirectory.delete(deleteOnExit);
                    done.countDown();
                  }));
      report(testbed, url, fleet, stateDir, lab, ca);
    } catch (IOException | RuntimeException e) {
      shutdown(fleet, lab, testbed);
      StateDirectory.delete(deleteOnExit);
      System.err.println("testbed: " + e.getMessage());
      return 1;
    }
    done.await();
    return 0;
  }

  private static void shutdown(AgentFleet fleet, NetworkLab lab, Testbed testbed) {
    if (fleet != null) {
      fleet.close();
    }
    if (lab != null) {
      lab.close();
    }
    testbed.close();
  }

  private static void report(
      Testbed testbed, URI url, AgentFleet fleet, Path stateDir, NetworkLab lab, TestbedCa ca)
      throws IOException {
    String user = testbed.deployment().users().getFirst().username();
    String token = testbed.deployment().firstToken(user).orElse("");
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("url", url.toString());
    info.put("user", user);
    info.put("token", token);
    info.put("version", testbed.deployment().config().version());
    info.put("ssh_key", fleet == null ? "" : fleet.sshKey().toString());
    info.put("lab", lab == null ? "" : lab.tag());
    info.put("ca_file", ca == null ? "" : ca.caPem().toString());
    info.put("regions", testbed.relayUrls().keySet());
    String json = new ObjectMapper().writeValueAsString(info);
    Path file = stateDir.resolve("testbed.json");
    Files.writeString(file, json + "\n");
    Files.setPosixFilePermissions(
        file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
    System.out.println("Coder testbed " + info.get("version") + " is up at " + url);
    System.out.println("  sign in as " + user + " with the token from " + url + "/cli-auth");
    if (fleet != null) {
      System.out.println("  " + fleet.size() + " agents running; ssh key: " + fleet.sshKey());
    } else {
      System.out.println("  no agents (--no-agents)");
    }
    System.out.println(json);
    System.out.flush();
  }

  /** Two workspaces, one with two agents, for a user with a fresh token. */
  public static TestbedConfig defaultConfig() {
    byte[] a = new byte[5];
    byte[] b = new byte[11];
    SecureRandom r = new SecureRandom();
    r.nextBytes(a);
    r.nextBytes(b);
    // Shaped like a Coder token: a 10-character id, a dash, a 22-character secret.
    String token = HexFormat.of().formatHex(a) + "-" + HexFormat.of().formatHex(b);
    return new TestbedConfig(
        null,
        null,
        false,
        List.of(new TestbedConfig.UserSpec("alice", List.of(token), List.of())),
        List.of(
            new TestbedConfig.WorkspaceSpec("dev", "alice", false, List.of("main")),
            new TestbedConfig.WorkspaceSpec("build", "alice", false, List.of("main", "gpu"))));
  }

  /** The config's workspaces plus {@code n} of one virtual agent each, owned by the first user. */
  private static List<TestbedConfig.WorkspaceSpec> withVirtual(TestbedConfig config, int n) {
    List<TestbedConfig.WorkspaceSpec> all = new ArrayList<>(config.workspaces());
    for (int i = 1; i <= n; i++) {
      all.add(
          new TestbedConfig.WorkspaceSpec(
              "v" + i,
              config.users().getFirst().username(),
              false,
              List.of("main"),
              Map.of("main", NetworkShape.VIRTUAL),
              List.of()));
    }
    return all;
  }
}
