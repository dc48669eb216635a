// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import dev.coderdesktop.testbed.StateDirectory;
import dev.coderdesktop.testbed.Testbed;
import dev.coderdesktop.testbed.TestbedMain;
import dev.coderdesktop.tunnel.time.SystemClock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What the clients' end-to-end tests stand on, as root: the testbed with its default agents in
 * namespaces of their own, and a client namespace running the real service ({@code ServiceMain},
 * started by class name from the caller's class path, a separate process) on a socket in a temp
 * directory. Close it to stop the service and remove every namespace. Not thread-safe.
 */
public final class ServiceLab implements AutoCloseable {

  private final Path dir;
  private final SystemClock clock;
  private final NetworkLab lab;
  private final Testbed testbed;
  private final AgentFleet fleet;
  private final NetworkLab.Host client;
  private final Process service;
  private final URI url;

  /**
   * Whether this process may build a lab: it needs root (namespaces, the service's TUN device). A
   * test skips itself when not; under CI (the {@code CI} variable set) it must be able to run, so
   * this throws instead of answering false.
   */
  public static boolean permitted() {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (!root && System.getenv("CI") != null) {
      throw new IllegalStateException("CI must run this as root");
    }
    return root;
  }

  /**
   * Starts it all with this JVM's java command and class path (a test's, holding the service).
   *
   * @param role names the client namespace
   */
  public static ServiceLab forThisJvm(String role) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    return new ServiceLab(role, java, System.getProperty("java.class.path"));
  }

  /**
   * Starts it all.
   *
   * @param role names the client namespace
   * @param java the java command, and {@code classPath} a class path holding the service
   */
  public ServiceLab(String role, String java, String classPath) throws Exception {
    dir = Files.createTempDirectory("cdj-" + role);
    clock = new SystemClock(role + "-lab");
    lab = NetworkLab.create();
    testbed = new Testbed(TestbedMain.defaultConfig(), clock);
    url = testbed.start(new InetSocketAddress(lab.hostAddress(), 0), lab.hostAddress());
    fleet =
        new AgentFleet(
            testbed.deployment(), lab, url, Optional.empty(), dir.resolve("testbed"), false, null);
    fleet.start();
    testbed.agentPorts(fleet::listeningPorts);
    client = lab.addHost(role);
    service =
        new ProcessBuilder(
                client.javaCommand(
                    java,
                    classPath,
                    "dev.coderdesktop.vpn.service.ServiceMain",
                    "--socket",
                    socket().toString(),
                    "--interface",
                    "coder0"))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("service.log").toFile())
            .start();
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    // Paced by waiting on the process: it returns early only if the service died.
    while (!Files.exists(socket()) && System.nanoTime() < end) {
      if (service.waitFor(50, TimeUnit.MILLISECONDS)) {
        break;
      }
    }
    if (!Files.exists(socket())) {
      String log = tail("service.log"); // before close() deletes it
      close();
      throw new IOException("the service made no socket:\n" + log);
    }
  }

  /** The temp directory (logs, agents' state, anything the test writes). */
  public Path dir() {
    return dir;
  }

  /** The service's socket. */
  public Path socket() {
    return dir.resolve("vpn.sock");
  }

  /** The testbed. */
  public Testbed testbed() {
    return testbed;
  }

  /** The testbed's URL. */
  public URI url() {
    return url;
  }

  /** The client namespace's name. */
  public String clientNamespace() {
    return client.namespace();
  }

  /** Runs {@code cmd} in the client namespace; its output, or an exception when it fails. */
  public String inClient(String... cmd) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", client.namespace()));
    all.addAll(List.of(cmd));
    Process p = new ProcessBuilder(all).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
    return out.strip();
  }

  /** The last 30 lines of a log in {@link #dir()}, for failure messages. */
  public String tail(String file) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(file));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    } catch (IOException e) {
      return "(" + e.getMessage() + ")";
    }
  }

  /**
   * Copies every log of the lab (the service's stdout and stderr, the agents' logs) into {@code
   * to}, flattened to one directory, for a test that failed against it: the lab's own directory is
   * temporary. Returns the service log's tail, to print beside the failure.
   */
  public String keepLogs(Path to) throws IOException {
    Files.createDirectories(to);
    List<Path> logs;
    try (var s = Files.walk(dir)) {
      logs = s.filter(p -> p.getFileName().toString().endsWith(".log")).toList();
    }
    for (Path p : logs) {
      Files.copy(
          p,
          to.resolve(dir.relativize(p).toString().replace('/', '_')),
          StandardCopyOption.REPLACE_EXISTING);
    }
    return tail("service.log");
  }

  @Override
  public void close() throws InterruptedException {
    service.destroy();
    if (!service.waitFor(10, TimeUnit.SECONDS)) {
      service.destroyForcibly();
    }
    fleet.close();
    lab.close();
    testbed.close();
    clock.shutdown();
    // A failed test has copied the logs it wants (keepLogs); the rest, a token among it, goes.
    StateDirectory.delete(dir);
  }
}
