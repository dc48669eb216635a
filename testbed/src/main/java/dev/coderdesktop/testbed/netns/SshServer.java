// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Debian's OpenSSH server, one per agent namespace, listening on port 22 of every address there (so
 * on the agent's tailnet address too). It accepts the lab's client key for root: the testbed makes
 * that key at start-up and tells the user where it is.
 *
 * <p>Not thread-safe; owned by the agent fleet.
 */
final class SshServer {

  static final Path SSHD = Path.of("/usr/sbin/sshd");

  private final Path dir;

  private SshServer(Path dir) {
    this.dir = dir;
  }

  /** Makes the host key, the client key and its authorisation under {@code dir}. */
  static SshServer prepare(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path hostKey = dir.resolve("ssh_host_ed25519_key");
    Path clientKey = dir.resolve("id_ed25519");
    if (!Files.exists(hostKey)) {
      Commands.run("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString());
    }
    if (!Files.exists(clientKey)) {
      Commands.run(
          "ssh-keygen",
          "-q",
          "-t",
          "ed25519",
          "-N",
          "",
          "-C",
          "testbed",
          "-f",
          clientKey.toString());
    }
    Files.copy(
        dir.resolve("id_ed25519.pub"),
        dir.resolve("authorized_keys"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    // sshd refuses to start without its privilege-separation directory.
    Files.createDirectories(Path.of("/run/sshd"));
    return new SshServer(dir);
  }

  /** The private key that signs in as root to every agent. */
  Path clientKey() {
    return dir.resolve("id_ed25519");
  }

  /** Starts sshd in {@code namespace}; it runs until its namespace is deleted. */
  Process start(String namespace) throws IOException {
    Path config = dir.resolve("sshd_config." + namespace);
    Files.write(
        config,
        List.of(
            "Port 22",
            "ListenAddress ::",
            "ListenAddress 0.0.0.0",
            "HostKey " + dir.resolve("ssh_host_ed25519_key"),
            "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
            "PermitRootLogin prohibit-password",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",
            "PidFile " + dir.resolve("sshd." + namespace + ".pid")));
    return new ProcessBuilder(
            "ip", "netns", "exec", namespace, SSHD.toString(), "-D", "-e", "-f", config.toString())
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("sshd." + namespace + ".log").toFile())
        .start();
  }
}
