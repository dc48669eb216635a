// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The notifier against a REAL notification server: dunst on Xvfb, on a private session bus. The
 * notice must show up in dunst's history with our summary and body; with no server on the bus the
 * notifier fails with a reason instead of hanging.
 */
@Timeout(60)
class DbusNotifierTest {

  @TempDir Path dir;
  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void stop() throws InterruptedException {
    for (Process p : started.reversed()) {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  private static boolean installed(String... programs) {
    for (String p : programs) {
      if (!Files.isExecutable(Path.of("/usr/bin", p))) {
        return false;
      }
    }
    return true;
  }

  private String firstLine(ProcessBuilder pb) throws IOException {
    Process p = pb.start();
    started.add(p);
    String line =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))
            .readLine();
    if (line == null) {
      throw new IOException(pb.command().get(0) + " printed nothing");
    }
    return line.strip();
  }

  private Map<String, String> session() throws IOException {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", dir.toString());
    env.put("PATH", "/usr/bin:/bin");
    env.put(
        "DBUS_SESSION_BUS_ADDRESS",
        firstLine(
            new ProcessBuilder(
                    "dbus-daemon",
                    "--session",
                    "--nofork",
                    "--print-address=1",
                    "--address=unix:path=" + dir.resolve("bus"))
                .redirectError(dir.resolve("dbus.log").toFile())));
    return env;
  }

  private static String run(Map<String, String> env, String... argv) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(argv).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(10, TimeUnit.SECONDS);
    return out;
  }

  @Test
  @DisplayName("a notice reaches dunst over org.freedesktop.Notifications")
  void realServer() throws Exception {
    if (System.getenv("CI") == null) {
      assumeTrue(
          installed("Xvfb", "dbus-daemon", "dunst", "dunstctl", "gdbus"),
          "needs xvfb, dbus, dunst and libglib2.0-bin");
    }
    Map<String, String> env = session();
    // -displayfd picks a free display and prints its number.
    String display =
        firstLine(
            new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", "640x480x24")
                .redirectError(dir.resolve("xvfb.log").toFile()));
    env.put("DISPLAY", ":" + display);
    ProcessBuilder dunst =
        new ProcessBuilder("dunst")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("dunst.log").toFile());
    dunst.environment().putAll(env);
    started.add(dunst.start());
    DbusNotifier n = new DbusNotifier("gdbus", env);
    Notice notice =
        new Notice(Notice.Kind.VPN_DROPPED, "CoderVPN disconnected", "It's gone: 'quotes' too.");
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      try {
        n.post(notice);
        break;
      } catch (IOException e) {
        // dunst may not own the name yet.
        if (System.nanoTime() > end) {
          throw e;
        }
      }
    }
    run(env, "dunstctl", "close-all");
    String history = "";
    while (System.nanoTime() < end && !history.contains("CoderVPN disconnected")) {
      history = run(env, "dunstctl", "history");
    }
    assertTrue(history.contains("CoderVPN disconnected"), history);
    assertTrue(history.contains("It's gone: 'quotes' too."), history);
    assertTrue(history.contains("Coder Desktop"), "the app name: " + history);
  }

  @Test
  @DisplayName("with no notification server the notifier fails with a reason")
  void noServer() throws Exception {
    if (System.getenv("CI") == null) {
      assumeTrue(installed("dbus-daemon", "gdbus"), "needs dbus and libglib2.0-bin");
    }
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                new DbusNotifier("gdbus", session())
                    .post(new Notice(Notice.Kind.WORKSPACE_STOPPED, "s", "b")));
    assertTrue(e.getMessage().startsWith("no notification server answered"), e.getMessage());
  }

  @Test
  @DisplayName("GVariant quoting keeps quotes and backslashes")
  void quoting() {
    assertEquals("'it\\'s a \\\\ b'", DbusNotifier.quote("it's a \\ b"));
  }
}
