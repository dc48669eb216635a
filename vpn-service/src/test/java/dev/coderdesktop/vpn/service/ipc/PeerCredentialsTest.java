// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The kernel-reported identity of a socket peer decides who may talk to the service. */
class PeerCredentialsTest {

  @Test
  @DisplayName("root is always allowed; others only when named or in an allowed group")
  void policy() {
    AccessPolicy p =
        new AccessPolicy(
            Set.of("alice"),
            Set.of("coder-desktop"),
            g -> g.equals("coder-desktop") ? Set.of("carol") : Set.of());
    assertTrue(p.allows("root", "root"));
    assertTrue(p.allows("alice", "alice"));
    assertTrue(p.allows("bob", "coder-desktop"), "primary group");
    assertTrue(p.allows("carol", "carol"), "listed (supplementary) member");
    assertFalse(p.allows("mallory", "users"));
  }

  @Test
  @DisplayName("a failing group lookup refuses rather than admits")
  void lookupFailureRefuses() {
    AccessPolicy p =
        new AccessPolicy(
            Set.of(),
            Set.of("coder-desktop"),
            g -> {
              throw new java.io.IOException("no group database");
            });
    assertFalse(p.allows("carol", "carol"));
    assertTrue(p.allows("root", "root"));
  }

  @Test
  @Tag("root")
  @Timeout(30)
  @DisplayName("a connection from another user is closed before the handshake; root's is served")
  void otherUserRefused() throws Exception {
    boolean root = "root".equals(System.getProperty("user.name"));
    if (System.getenv("CI") == null) {
      assumeTrue(root, "needs root to connect as another user");
    }
    assertTrue(root, "CI must run this as root");
    Path dir = Files.createTempDirectory("cdj-peer");
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path sock = dir.resolve("vpn.sock");
    AtomicInteger served = new AtomicInteger();
    // World-writable so the file mode lets everyone in and only the credential check decides.
    try (LocalSocketServer server =
        new LocalSocketServer(
            sock,
            "rw-rw-rw-",
            null,
            new AccessPolicy(Set.of(), Set.of()),
            (ch, user) -> served.incrementAndGet())) {
      String probe =
          "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1]);"
              + " s.settimeout(10); print('closed' if s.recv(64)==b'' else 'open')";
      Process nobody =
          new ProcessBuilder(
                  "setpriv",
                  "--reuid=65534",
                  "--regid=65534",
                  "--clear-groups",
                  "/usr/bin/python3",
                  "-c",
                  probe,
                  sock.toString())
              .redirectErrorStream(true)
              .start();
      String out = new String(nobody.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(nobody.waitFor(20, TimeUnit.SECONDS));
      assertEquals("closed", out.strip(), out);
      assertEquals(0, served.get(), "the other user's connection never reached the handler");

      Process self =
          new ProcessBuilder(
                  "/usr/bin/python3",
                  "-c",
                  "import socket,sys; s=socket.socket(socket.AF_UNIX); s.connect(sys.argv[1])",
                  sock.toString())
              .start();
      assertTrue(self.waitFor(20, TimeUnit.SECONDS));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (served.get() == 0 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(1, served.get(), "root's connection is served");
    } finally {
      Files.deleteIfExists(sock);
      Files.deleteIfExists(dir);
    }
  }
}
