// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The group database as libc serves it agrees with /etc/group. */
class GroupDatabaseTest {

  @Test
  @DisplayName("a group that does not exist has no members")
  void noSuchGroup() throws IOException {
    assertEquals(Set.of(), GroupDatabase.members("cdj-no-such-group-" + System.nanoTime()));
  }

  @Test
  @DisplayName("every group in /etc/group has the members listed there")
  void agreesWithEtcGroup() throws IOException {
    for (String line : Files.readAllLines(Path.of("/etc/group"))) {
      String[] f = line.split(":", -1);
      if (f.length < 4 || f[0].startsWith("+") || f[0].startsWith("-")) {
        continue;
      }
      Set<String> listed =
          Arrays.stream(f[3].split(",")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
      assertEquals(listed, GroupDatabase.members(f[0]), f[0]);
    }
  }
}
