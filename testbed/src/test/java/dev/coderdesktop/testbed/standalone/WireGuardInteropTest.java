// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.standalone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our engine against Debian's wireguard-go (the reference implementation) and against itself, in
 * two network namespaces joined by veth: pings both ways over IPv4 and IPv6, iperf3 TCP transfers,
 * a handshake started from each side, and rekeying under traffic. The scenarios live in {@code
 * scripts/netns/interop-check.sh}, which cleans up its namespaces and processes itself.
 */
@Tag("root")
@Timeout(value = 150, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireGuardInteropTest {

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"go-first", "java-first", "rekey", "java-java"})
  @DisplayName("interoperates with wireguard-go in network namespaces")
  void scenario(String scenario) throws IOException, InterruptedException {
    RootEnvironment.require("ip", "wg", "wireguard-go", "iperf3", "ping", "python3");
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                RootEnvironment.repoRoot().resolve("scripts/netns/interop-check.sh").toString(),
                scenario)
            .redirectErrorStream(true);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    // Read output on this thread; the script bounds its own run time.
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    boolean done = p.waitFor(120, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
    }
    System.out.println(out);
    assertTrue(done, "scenario timed out");
    assertEquals(0, p.exitValue(), "scenario failed:\n" + out);
    assertTrue(out.contains("scenario " + scenario + " passed"), out);
  }
}
