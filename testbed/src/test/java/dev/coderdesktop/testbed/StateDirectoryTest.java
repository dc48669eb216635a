// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateDirectoryTest {

  @TempDir Path tmp;

  @Test
  @DisplayName("the state directory goes with its token and ssh key; a symlink's target stays")
  void deletesTree() throws Exception {
    Path state = Files.createDirectories(tmp.resolve("coder-testbed-1/ssh"));
    Files.writeString(state.resolve("id_ed25519"), "private key");
    Files.writeString(state.getParent().resolve("testbed.json"), "{\"token\":\"t\"}");
    Path outside = Files.writeString(tmp.resolve("outside"), "keep");
    Files.createSymbolicLink(state.resolve("link"), outside);
    StateDirectory.delete(state.getParent());
    assertFalse(Files.exists(state.getParent()));
    assertTrue(Files.exists(outside));
    StateDirectory.delete(null);
  }
}
