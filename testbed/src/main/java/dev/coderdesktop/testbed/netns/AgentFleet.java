// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import dev.coderdesktop.testbed.config.NetworkShape;
import dev.coderdesktop.testbed.deployment.AgentPorts;
import dev.coderdesktop.testbed.deployment.Deployment;
import dev.coderdesktop.testbed.tls.TestbedCa;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps one agent process per agent of every running workspace, each in its own namespace (on the
 * network shape its config names) with its own sshd: starting a workspace starts its agents,
 * stopping it kills them and deletes their namespaces. Agent processes run this same program
 * ({@code AgentMain}) under {@code ip netns exec} and die when our end of their stdin closes.
 *
 * <p>Thread-safe; reconciles on every deployment change.
 */
public final class AgentFleet implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(AgentFleet.class.getName());
  // Generous: each agent is a JVM of its own, and on a loaded machine three starting at once took
  // over a minute to report ready.
  private static final long READY_SECONDS = 150;

  private record Running(NetworkLab.Host host, Process agent, Process sshd) {}

  private final Deployment deployment;
  private final NetworkLab lab;
  private final URI url;
  private final SshServer ssh;
  private final Path stateDir;
  private final boolean derpWebsockets;
  // With an HTTPS testbed: the trust store (PKCS#12, its CA only) the agents' runtime trusts.
  private final Path trustStore;
  private final Optional<InetSocketAddress> stun;
  private final Map<UUID, Running> running = new HashMap<>();
  // The agents' process ids, read without the fleet's lock (a start can hold it for seconds).
  private final Map<UUID, Long> pids = new java.util.concurrent.ConcurrentHashMap<>();
  private boolean closed;
  // Guarded by this: every relay region by id (empty: the deployment's own /derp alone), and how
  // many agents were launched, which picks each one's home region in turn.
  private Map<Integer, URI> relays = Map.of();
  private int launched;

  /**
   * A fleet for {@code deployment}, whose agents reach the testbed at {@code url} and its STUN
   * server at {@code stun} (empty: they know none, and their direct endpoints are local addresses);
   * they make direct paths unless the deployment disables them. With an HTTPS testbed its CA is in
   * {@code trustStore} (null: the JDK's roots).
   */
  public AgentFleet(
      Deployment deployment,
      NetworkLab lab,
      URI url,
      Optional<InetSocketAddress> stun,
      Path stateDir,
      boolean derpWebsockets,
      Path trustStore)
      throws IOException {
    this.trustStore = trustStore;
    this.deployment = deployment;
    this.lab = lab;
    this.url = url;
    this.stun = stun;
    this.stateDir = stateDir;
    this.derpWebsockets = derpWebsockets;
    this.ssh = SshServer.prepare(stateDir.resolve("ssh"));
  }

  /**
   * Tells agents launched from now on about every relay region; each takes the next region in turn
   * as its home (before {@link #start}).
   */
  public synchronized void setRelays(Map<Integer, URI> regions) {
    relays = Map.copyOf(regions);
  }

  /** The key that signs in to every agent's sshd as root. */
  public Path sshKey() {
    return ssh.clientKey();
  }

  /** Starts the agents of running workspaces and follows later changes. */
  public void start() throws IOException {
    reconcile();
    deployment.addListener(
        d -> {
          try {
            reconcile();
          } catch (IOException e) {
            LOG.log(Level.WARNING, "agent fleet: " + e.getMessage(), e);
          }
        });
  }

  private synchronized void reconcile() throws IOException {
    if (closed) {
      return;
    }
    Map<UUID, String> want = new HashMap<>();
    Map<UUID, NetworkShape> shapes = new HashMap<>();
    for (Deployment.Workspace w : deployment.workspaces()) {
      if (w.running()) {
        for (Deployment.Agent a : w.agents()) {
          if (a.network() == NetworkShape.VIRTUAL) {
            continue; // coordinator only (tailnet.VirtualAgents)
          }
          want.put(a.id(), w.name() + "." + a.name());
          shapes.put(a.id(), a.network());
        }
      }
    }
    Set<UUID> gone = new HashSet<>(running.keySet());
    gone.removeAll(want.keySet());
    for (UUID id : gone) {
      stop(id);
    }
    List<CompletableFuture<String>> ready = new ArrayList<>();
    for (Map.Entry<UUID, String> e : want.entrySet()) {
      if (!running.containsKey(e.getKey())) {
        ready.add(launch(e.getKey(), e.getValue(), shapes.get(e.getKey())));
      }
    }
    for (CompletableFuture<String> f : ready) {
      try {
        LOG.info(f.get(READY_SECONDS, TimeUnit.SECONDS));
      } catch (TimeoutException e) {
        throw new IOException("an agent did not report ready within " + READY_SECONDS + " s");
      } catch (ExecutionException e) {
        throw new IOException("an agent did not come up: " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while agents start");
      }
    }
  }

  private CompletableFuture<String> launch(UUID id, String name, NetworkShape shape)
      throws IOException {
    NetworkLab.Host host = lab.addHost(name.replace('.', '-'), shape);
    Process sshd = ssh.start(host.namespace());
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                host.namespace(),
                java,
                "-Xmx96m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED"));
    if (trustStore != null) {
      cmd.add("-Djavax.net.ssl.trustStore=" + trustStore);
      cmd.add("-Djavax.net.ssl.trustStoreType=PKCS12");
      cmd.add("-Djavax.net.ssl.trustStorePassword=" + TestbedCa.TRUST_STORE_PASSWORD);
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            "dev.coderdesktop.testbed.agent.AgentMain",
            url.toString(),
            id.toString(),
            "tbagent0",
            name));
    if (derpWebsockets) {
      cmd.add("--derp-websockets");
    }
    if (!relays.isEmpty()) {
      List<Integer> ids = relays.keySet().stream().sorted().toList();
      relays.forEach(
          (region, u) -> {
            cmd.add("--derp");
            cmd.add(region + "=" + u);
          });
      cmd.add("--home");
      cmd.add(String.valueOf(ids.get(launched++ % ids.size())));
    }
    if (deployment.config().disableDirectConnections()) {
      cmd.add("--no-direct");
    }
    stun.ifPresent(
        s -> {
          cmd.add("--stun");
          cmd.add(s.getAddress().getHostAddress() + ":" + s.getPort());
        });
    ProcessBuilder pb =
        new ProcessBuilder(cmd).redirectError(stateDir.resolve("agent-" + name + ".log").toFile());
    pb.environment().put("TESTBED_AGENT_TOKEN", deployment.issueAgentToken(id));
    Process agent = pb.start();
    running.put(id, new Running(host, agent, sshd));
    pids.put(id, agent.pid());
    CompletableFuture<String> ready = new CompletableFuture<>();
    Thread.ofPlatform()
        .name("agent-out-" + name)
        .daemon()
        .start(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(agent.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                  if (line.startsWith("agent ready")) {
                    ready.complete(name + ": " + line);
                  }
                }
              } catch (IOException e) {
                // The agent ended.
              }
              ready.completeExceptionally(
                  new IOException(
                      "agent "
                          + name
                          + " exited; see "
                          + stateDir.resolve("agent-" + name + ".log")));
            });
    return ready;
  }

  private void stop(UUID id) {
    Running r = running.remove(id);
    pids.remove(id);
    if (r == null) {
      return;
    }
    try {
      r.agent().getOutputStream().close();
    } catch (IOException e) {
      // Already gone.
    }
    try {
      if (!r.agent().waitFor(5, TimeUnit.SECONDS)) {
        r.agent().destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    r.sshd().destroy();
    lab.removeHost(r.host());
  }

  /**
   * The TCP ports the agent's machine (its namespace) listens on, as Coder's agent reports them;
   * empty when it does not run.
   */
  public List<AgentPorts.Port> listeningPorts(UUID agent) {
    Long pid = pids.get(agent);
    return pid == null ? List.of() : ProcNetTcp.listening(pid);
  }

  /** How many agents run now. */
  public synchronized int size() {
    return running.size();
  }

  @Override
  public synchronized void close() {
    closed = true;
    for (UUID id : new ArrayList<>(running.keySet())) {
      stop(id);
    }
  }
}
