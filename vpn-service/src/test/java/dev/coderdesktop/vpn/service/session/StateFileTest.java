// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFileTest {

  @TempDir Path tmp;

  @Test
  @DisplayName("the record round-trips, is 0600 in a 0700 directory, and a Stop removes it")
  void roundTrip() throws Exception {
    Path dir = tmp.resolve("state");
    StateFile f = new StateFile(dir);
    Session.StartParams p =
        new Session.StartParams("https://coder.example.com", "tok-123", Map.of("X-A", "b"));
    f.save(p);
    assertEquals(Optional.of(p), f.load());
    assertEquals(Optional.of(p), new StateFile(dir).load(), "a new process reads it back");
    assertEquals("rw-------", perms(dir.resolve("session")));
    assertEquals("rwx------", perms(dir));
    try (var files = Files.list(dir)) {
      assertEquals(1, files.count(), "no temporary file is left");
    }
    f.clear();
    assertFalse(Files.exists(dir.resolve("session")));
    assertEquals(Optional.empty(), f.load());
  }

  @Test
  @DisplayName("an unreadable record is dropped, not retried for ever")
  void corrupt() throws Exception {
    StateFile f = new StateFile(tmp);
    Files.write(tmp.resolve("session"), new byte[] {(byte) 0xff, 0x01, 0x02});
    assertEquals(Optional.empty(), f.load());
    assertFalse(Files.exists(tmp.resolve("session")));
    Files.write(tmp.resolve("session"), new byte[0]);
    assertEquals(Optional.empty(), f.load(), "a record without URL or token is dropped too");
    assertTrue(Files.notExists(tmp.resolve("session")));
  }

  private static String perms(Path p) throws Exception {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
  }
}
