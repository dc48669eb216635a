// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolverConfiguratorTest {

  @TempDir Path dir;

  @Test
  @DisplayName("with systemd-resolved: link DNS, a routing-only domain, and no default route")
  void resolved() throws Exception {
    Path marker = Files.createFile(dir.resolve("stub-resolv.conf"));
    List<List<String>> ran = new ArrayList<>();
    ResolverConfigurator r = new ResolverConfigurator(ran::add, marker);
    r.apply("coder0", "fd60:627a:a42b::53", "coder");
    r.revert("coder0");
    assertEquals(
        List.of(
            List.of("resolvectl", "dns", "coder0", "fd60:627a:a42b::53"),
            List.of("resolvectl", "domain", "coder0", "~coder"),
            List.of("resolvectl", "default-route", "coder0", "false"),
            List.of("resolvectl", "revert", "coder0")),
        ran);
  }

  @Test
  @DisplayName("without systemd-resolved: a clear error saying what to configure, and no commands")
  void noResolved() {
    List<List<String>> ran = new ArrayList<>();
    ResolverConfigurator r = new ResolverConfigurator(ran::add, dir.resolve("absent"));
    var e =
        assertThrows(
            ResolverConfigurator.UnavailableException.class,
            () -> r.apply("coder0", "fd60:627a:a42b::53", "coder"));
    assertTrue(e.getMessage().contains("systemd-resolved is not running"), e.getMessage());
    assertTrue(e.getMessage().contains("fd60:627a:a42b::53"), e.getMessage());
    assertTrue(ran.isEmpty());
  }

  @Test
  @DisplayName("a failing resolvectl is reported with the same hint")
  void resolvectlFails() throws Exception {
    Path marker = Files.createFile(dir.resolve("stub"));
    ResolverConfigurator r =
        new ResolverConfigurator(
            cmd -> {
              throw new IOException("Failed to set DNS configuration: Link coder0 not known");
            },
            marker);
    var e =
        assertThrows(
            ResolverConfigurator.UnavailableException.class,
            () -> r.apply("coder0", "fd60:627a:a42b::53", "corp"));
    assertTrue(e.getMessage().contains("server=/corp/fd60:627a:a42b::53"), e.getMessage());
  }

  @Test
  @DisplayName("this machine's real state is detected (no systemd here, so unavailable)")
  void realDetection() {
    ResolverConfigurator r = ResolverConfigurator.system();
    if (!Files.exists(Path.of("/run/systemd/resolve/stub-resolv.conf"))) {
      assertThrows(
          ResolverConfigurator.UnavailableException.class,
          () -> r.apply("nonexistent0", "fd60:627a:a42b::53", "coder"));
    }
  }
}
