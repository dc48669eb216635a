// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coderdesktop.testbed.netns.AgentFleet;
import dev.coderdesktop.testbed.netns.NetworkLab;
import dev.coderdesktop.testbed.stun.StunServer;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The tunnel-core client against the testbed, as root, with no service: the testbed runs three
 * agents in isolated namespaces; the client, in a namespace of its own with its own TUN device,
 * signs in, receives the workspace list, connects over DERP only, and reaches two agents by address
 * with ping6, HTTP and ssh; then a workspace stops and the client sees its agent go.
 */
@Tag("root")
class TestbedIntegrationTest {

  @Test
  @Timeout(240)
  @DisplayName("sign in, list, ping6 / HTTP / ssh two agents over DERP, see a stopped workspace go")
  void clientReachesAgentsThroughTheRelay() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (System.getenv("CI") == null) {
      assumeTrue(root, "needs root for network namespaces and TUN devices");
    }
    assertTrue(root, "CI must run this as root");

    Path state = Files.createTempDirectory("cdj-testbed-it");
    SystemClock clock = new SystemClock("testbed-it");
    try (NetworkLab lab = NetworkLab.create();
        Testbed testbed = new Testbed(TestbedMain.defaultConfig(), clock)) {
      URI url = testbed.start(new InetSocketAddress(lab.hostAddress(), 0), lab.hostAddress());
      try (AgentFleet fleet =
          new AgentFleet(
              testbed.deployment(),
              lab,
              url,
              testbed.stun().map(StunServer::address),
              state,
              /* derpWebsockets= */ false,
              /* trustStore= */ null)) {
        fleet.start();
        assertEquals(3, fleet.size(), "one agent process per agent of a running workspace");
        NetworkLab.Host client = lab.addHost("client");
        Path tokenFile = state.resolve("token");
        Files.writeString(tokenFile, testbed.deployment().firstToken("alice").orElseThrow());

        Process probe = startProbe(client, url, tokenFile);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofPlatform().daemon().start(() -> readLines(probe, lines));
        try {
          Map<String, String> agents = awaitAgents(lines, 3, Duration.ofSeconds(60));
          assertEquals(
              List.of("gpu.build.me.coder", "main.build.me.coder", "dev.coder"),
              new ArrayList<>(agents.keySet()),
              "hostnames as Coder Connect makes them, running workspaces by name");

          for (String host : List.of("dev.coder", "main.build.me.coder")) {
            String addr = agents.get(host);
            assertTrue(
                eventually(
                    Duration.ofSeconds(30), client, "ping", "-6", "-c", "1", "-W", "2", addr),
                "first ping6 to " + host + " over DERP");
            assertEquals(0, exec(client, "ping", "-6", "-c", "3", "-i", "0.2", addr).exit());
            Result http =
                exec(client, "curl", "-sS", "--max-time", "10", "http://[" + addr + "]:8080/");
            assertEquals(0, http.exit(), http.output());
            assertTrue(
                http.output().contains("hello from the testbed agent"),
                "HTTP body from " + host + ": " + http.output());
            Result ssh =
                exec(
                    client,
                    "ssh",
                    "-i",
                    fleet.sshKey().toString(),
                    "-o",
                    "StrictHostKeyChecking=no",
                    "-o",
                    "UserKnownHostsFile=/dev/null",
                    "-o",
                    "BatchMode=yes",
                    "-o",
                    "ConnectTimeout=10",
                    "-o",
                    "LogLevel=ERROR",
                    "root@" + addr,
                    "true");
            assertEquals(0, ssh.exit(), "ssh to " + host + ": " + ssh.output());
          }
          // The lab network carries only the control plane and the relay: the client cannot reach
          // an agent's namespace directly, though the testbed host can.
          String neighbour = agentIpv4(client);
          assertEquals(
              0,
              new ProcessBuilder("ping", "-c", "1", "-W", "2", neighbour).start().waitFor(),
              "the testbed host reaches the agent namespace " + neighbour);
          assertTrue(
              exec(client, "ping", "-c", "1", "-W", "1", neighbour).exit() != 0,
              "the client must not reach an agent except through the relay");

          assertTrue(testbed.deployment().setRunning("alice", "dev", false));
          Map<String, String> after = awaitAgents(lines, 2, Duration.ofSeconds(30));
          assertTrue(!after.containsKey("dev.coder"), "the stopped workspace's agent left");
          assertEquals(2, fleet.size(), "its agent process stopped too");
        } finally {
          probe.getOutputStream().close();
          if (!probe.waitFor(10, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
          }
        }
      }
    } finally {
      clock.shutdown();
      StateDirectory.delete(state);
    }
  }

  /** The address of some agent's namespace on the lab bridge (the client's neighbour). */
  private static String agentIpv4(NetworkLab.Host client) {
    String prefix = client.address().substring(0, client.address().lastIndexOf('.'));
    return prefix + ".11";
  }

  private static Process startProbe(NetworkLab.Host client, URI url, Path tokenFile)
      throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ProcessBuilder(
            client.javaCommand(
                java,
                System.getProperty("java.class.path"),
                ClientProbe.class.getName(),
                url.toString(),
                tokenFile.toString(),
                "tbclient0"))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
  }

  private static void readLines(Process p, BlockingQueue<String> lines) {
    try (BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      // The probe ended.
    }
  }

  /** Waits for an agent list of exactly {@code count} entries; returns hostname to address. */
  private static Map<String, String> awaitAgents(
      BlockingQueue<String> lines, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null || !line.startsWith("agents ")) {
        continue;
      }
      Map<String, String> m = new LinkedHashMap<>();
      for (String pair : line.substring(7).split(",")) {
        if (!pair.isBlank()) {
          String[] kv = pair.split("=", 2);
          m.put(kv[0], kv[1]);
        }
      }
      if (m.size() == count) {
        return m;
      }
    }
    throw new AssertionError("no agent list of " + count + " within " + timeout);
  }

  private record Result(int exit, String output) {}

  private static Result exec(NetworkLab.Host host, String... cmd)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", host.namespace()));
    all.addAll(List.of(cmd));
    Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Result(-1, out + " (timed out)");
    }
    return new Result(p.exitValue(), out);
  }

  private static boolean eventually(Duration timeout, NetworkLab.Host host, String... cmd)
      throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (exec(host, cmd).exit() == 0) {
        return true;
      }
    }
    return false;
  }
}
