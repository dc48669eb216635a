// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * dorkbox's update check (a POST of an instance id over plain HTTP) must be off everywhere the app
 * can start: every bin/ launcher, every launcher of the package, and the code itself.
 */
class UpdateCheckOffTest {

  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final String REAL = "-D" + UpdateCheck.PROPERTY + "=false";
  private static final String DOCUMENTED = "-D" + UpdateCheck.DOCUMENTED_PROPERTY + "=false";

  @Test
  @DisplayName("every bin/ launcher passes the switches (defined once in scripts/launcher.sh)")
  void binLaunchers() throws Exception {
    String lib = Files.readString(ROOT.resolve("scripts/launcher.sh"));
    assertTrue(lib.contains(REAL) && lib.contains(DOCUMENTED), "scripts/launcher.sh: " + lib);
    try (Stream<Path> bins = Files.list(ROOT.resolve("bin"))) {
      List<Path> all = bins.toList();
      assertTrue(all.size() >= 4, "the launchers: " + all);
      for (Path bin : all) {
        String text = Files.readString(bin);
        assertTrue(
            text.contains("source \"$ROOT/scripts/launcher.sh\""), bin + " sources launcher.sh");
        List<String> javas = text.lines().filter(l -> l.contains("$JAVA_HOME/bin/java\"")).toList();
        assertTrue(!javas.isEmpty(), bin + " starts java");
        for (String line : javas) {
          assertTrue(line.contains("\"${NO_PHONE_HOME[@]}\""), bin + ": " + line);
        }
      }
    }
  }

  @Test
  @DisplayName("every launcher of the package passes the switches")
  void packageLaunchers() throws Exception {
    String build = Files.readString(ROOT.resolve("installer/build.sh"));
    assertTrue(
        build.contains("NO_PHONE_HOME=\"" + REAL + " " + DOCUMENTED + "\""),
        "installer/build.sh defines NO_PHONE_HOME");
    List<String> options = build.lines().filter(l -> l.startsWith("java-options=")).toList();
    assertEquals(2, options.size(), "the service and tray launchers: " + options);
    for (String o : options) {
      assertTrue(o.contains("$NO_PHONE_HOME"), o);
    }
    assertTrue(
        build.contains(
            "--main-class dev.coderdesktop.cli.CoderDesktopCli --java-options \"$NO_PHONE_HOME\""),
        "the main (CLI) launcher");
    // A package built in this checkout: its launchers' configuration files, as installed.
    Path app = ROOT.resolve("installer/target/image/coder-desktop/lib/app");
    if (Files.isDirectory(app)) {
      try (Stream<Path> cfgs = Files.list(app)) {
        for (Path cfg : cfgs.filter(p -> p.toString().endsWith(".cfg")).toList()) {
          assertTrue(Files.readString(cfg).contains(REAL), cfg + " in the built image");
        }
      }
    }
  }

  @Test
  @DisplayName("the app turns it off in code before dorkbox loads (checked in a fresh JVM)")
  void inCode() throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                UpdateCheckProbe.class.getName())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe finished");
    assertTrue(out.contains("ENABLE=false"), out);
  }
}
