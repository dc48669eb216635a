// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(20)
class SingleInstanceTest {

  @TempDir Path dir;

  @Test
  @DisplayName("a second launch asks the first to show its window and does not start")
  void secondLaunchShowsFirst() throws Exception {
    Path socket = dir.resolve("run/coder-desktop/tray.sock");
    Optional<SingleInstance> first = SingleInstance.claim(socket);
    assertTrue(first.isPresent(), "the first launch becomes the instance");
    CountDownLatch shown = new CountDownLatch(1);
    first.get().onShow(shown::countDown);
    assertTrue(SingleInstance.claim(socket).isEmpty(), "the second launch gives way");
    assertTrue(shown.await(5, TimeUnit.SECONDS), "the first was asked to show its window");
    first.get().close();
    assertTrue(Files.notExists(socket), "the socket is removed on exit");
  }

  @Test
  @DisplayName("a socket left by a crashed instance is replaced")
  void staleSocket() throws Exception {
    Path socket = dir.resolve("tray.sock");
    // A bound-then-closed socket file: connecting to it is refused, as after a crash.
    ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    dead.bind(UnixDomainSocketAddress.of(socket));
    dead.close();
    assertTrue(Files.exists(socket));
    Optional<SingleInstance> claimed = SingleInstance.claim(socket);
    assertTrue(claimed.isPresent(), "the stale socket did not block the new instance");
    claimed.get().close();
  }
}
