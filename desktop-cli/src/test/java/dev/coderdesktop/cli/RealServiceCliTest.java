// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.testbed.netns.ServiceLab;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The CLI against the REAL service and the testbed, as root: three agents in namespaces of their
 * own, our service (ServiceMain, its own process) in a client namespace, and every CLI command run
 * as its own process in that namespace: login from a token file, up (twice: the repeat is a no-op),
 * status --json, and netcheck — first naming the resolver (nothing sends .coder to the service
 * yet), then all steps passing once the namespace's resolv.conf names the service's resolver, then
 * naming the shim when the shim is made unreachable (a firewall rule rejecting port 53 on its
 * address, as a stopped listener does).
 */
@Tag("root")
@Timeout(240)
class RealServiceCliTest {

  private static final String SHIM = "fd60:627a:a42b::53";

  private static ServiceLab lab;
  @RegisterExtension static final LabLogs LOGS = new LabLogs(() -> lab);
  private static Path dir;
  private static Path netnsDir;

  @BeforeAll
  static void deployment() throws Exception {
    assumeTrue(
        ServiceLab.permitted(), "needs root for network namespaces and the service's TUN device");
    lab = ServiceLab.forThisJvm("cli");
    dir = lab.dir();
  }

  @AfterAll
  static void teardown() throws Exception {
    if (netnsDir != null) {
      Files.deleteIfExists(netnsDir.resolve("resolv.conf"));
      Files.deleteIfExists(netnsDir);
    }
    if (lab != null) {
      lab.close();
    }
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }

  /** The result of one CLI process in the client namespace. */
  private record Run(int exit, String out, String err) {}

  private static Run cli(String... args) throws IOException, InterruptedException {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "ip",
                "netns",
                "exec",
                lab.clientNamespace(),
                "env",
                "HOME=" + dir,
                "XDG_CONFIG_HOME=" + dir.resolve("config"),
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                java(),
                "-cp",
                System.getProperty("java.class.path"),
                CoderDesktopCli.class.getName(),
                "--socket",
                lab.socket().toString()));
    argv.addAll(List.of(args));
    Path err = Files.createTempFile(dir, "err", ".txt");
    Process p = new ProcessBuilder(argv).redirectError(err.toFile()).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "coder-desktop " + String.join(" ", args));
    return new Run(p.exitValue(), out, Files.readString(err));
  }

  private static JsonNode statusJson() throws Exception {
    Run r = cli("status", "--json");
    assertEquals(0, r.exit(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  @DisplayName("login, up (twice), status --json, and netcheck: resolver, all pass, then the shim")
  void cliAgainstTheRealService() throws Exception {
    Path token = dir.resolve("token");
    Files.writeString(token, lab.testbed().deployment().firstToken("alice").orElseThrow());
    Files.setPosixFilePermissions(token, PosixFilePermissions.fromString("rw-------"));
    Run login =
        cli(
            "login",
            "--url",
            lab.url().toString(),
            "--allow-insecure-http",
            "--token-file",
            token.toString());
    assertEquals(0, login.exit(), login.err());
    assertTrue(login.out().startsWith("Signed in to "), login.out());

    Run up = cli("up");
    assertEquals(0, up.exit(), up.err());
    Run again = cli("up");
    assertEquals(0, again.exit(), "up while on with the same sign-in is a no-op: " + again.err());

    // status --json parses and lists each agent's name, state, latency and path.
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    JsonNode doc = statusJson();
    while (System.nanoTime() < end && !allPinged(doc)) {
      doc = statusJson();
    }
    assertEquals("started", doc.get("state").asText());
    assertTrue(doc.get("agents").size() >= 3, doc.toPrettyString());
    assertTrue(allPinged(doc), "every agent has a latency and a path: " + doc.toPrettyString());
    for (JsonNode a : doc.get("agents")) {
      assertFalse(a.get("name").asText().isEmpty());
      assertEquals("connected", a.get("state").asText(), a.toString());
      assertTrue(a.get("latency_ms").asDouble() > 0, a.toString());
      assertTrue(List.of("direct", "relay").contains(a.get("path").asText()), a.toString());
    }

    // Nothing sends .coder to the service's resolver in this namespace yet: the resolver breaks.
    Run first = cli("netcheck", "dev.coder");
    assertEquals(ExitCode.CHECK_FAILED, first.exit(), first.out() + first.err());
    assertTrue(first.out().contains("PASS shim"), first.out());
    assertTrue(first.err().contains("the broken step is resolver"), first.err());

    // As the service's hint tells users without systemd-resolved: the resolver goes first.
    netnsDir = Files.createDirectories(Path.of("/etc/netns", lab.clientNamespace()));
    Files.writeString(netnsDir.resolve("resolv.conf"), "nameserver " + SHIM + "\n");
    Run pass = cli("netcheck", "dev.coder");
    assertEquals(0, pass.exit(), pass.out() + pass.err());
    for (String step : List.of("service", "resolver", "shim", "relay", "agent")) {
      assertTrue(pass.out().contains("PASS " + step), step + ":\n" + pass.out());
    }
    assertTrue(pass.out().contains("All steps pass."), pass.out());
    Files.writeString(dir.resolve("netcheck-pass.txt"), pass.out());

    // The shim stops answering: netcheck names it.
    for (String proto : List.of("udp", "tcp")) {
      lab.inClient(
          "ip6tables", "-I", "OUTPUT", "-d", SHIM, "-p", proto, "--dport", "53", "-j", "REJECT");
    }
    Run broken = cli("netcheck", "dev.coder");
    assertEquals(ExitCode.CHECK_FAILED, broken.exit(), broken.out() + broken.err());
    assertTrue(broken.out().contains("FAIL shim"), broken.out());
    assertTrue(
        broken.out().contains("PASS agent"), "the tunnel itself still works: " + broken.out());
    assertTrue(broken.err().contains("the broken step is shim"), broken.err());
    Files.writeString(dir.resolve("netcheck-shim.txt"), broken.out() + broken.err());
    System.out.println(
        "netcheck, all passing:\n"
            + pass.out()
            + "\nnetcheck, shim stopped:\n"
            + broken.out()
            + broken.err());

    Run down = cli("down");
    assertEquals(0, down.exit(), down.err());
  }

  private static boolean allPinged(JsonNode doc) {
    if (doc.get("agents").size() < 3) {
      return false;
    }
    for (JsonNode a : doc.get("agents")) {
      if (a.get("latency_ms").isNull() || a.get("path").isNull()) {
        return false;
      }
    }
    return true;
  }
}
