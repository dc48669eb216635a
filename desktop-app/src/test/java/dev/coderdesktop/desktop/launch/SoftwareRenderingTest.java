// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coderdesktop.desktop.fixtures.Programs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * GTK's OpenGL switch: set in the process's own environment only for the software renderer and only
 * when the user has not set it, gone again once GTK has started; and, on a real (virtual) X display
 * in a child JVM, no OpenGL driver mapped with it where one is mapped without it.
 */
@Timeout(120)
class SoftwareRenderingTest {

  private static Optional<String> gdkGl() throws Throwable {
    return SoftwareRendering.Libc.get(SoftwareRendering.VARIABLE);
  }

  @Test
  @DisplayName("set for the software renderer, removed after the toolkit, user's value kept")
  void environment() throws Throwable {
    assumeTrue(gdkGl().isEmpty(), "GDK_GL is set in this test's environment");
    assertFalse(SoftwareRendering.beforeToolkit("es2,sw"), "another renderer: untouched");
    assertFalse(SoftwareRendering.beforeToolkit(null), "JavaFX's default: untouched");
    assertEquals(Optional.empty(), gdkGl());

    assertTrue(SoftwareRendering.beforeToolkit("sw"));
    assertEquals(Optional.of("disable"), gdkGl());
    SoftwareRendering.afterToolkit();
    assertEquals(Optional.empty(), gdkGl(), "children must not inherit it");

    SoftwareRendering.Libc.set(SoftwareRendering.VARIABLE, "always");
    try {
      assertFalse(SoftwareRendering.beforeToolkit("sw"), "the user's setting wins");
      SoftwareRendering.afterToolkit();
      assertEquals(Optional.of("always"), gdkGl(), "and stays");
    } finally {
      SoftwareRendering.Libc.unset(SoftwareRendering.VARIABLE);
    }
  }

  private static String probe(String mode) throws Exception {
    if (System.getenv("CI") != null) {
      assertTrue(
          Programs.onPath("xvfb-run"), "CI must run this test: install xvfb (scripts/prereqs.sh)");
    }
    assumeTrue(Programs.onPath("xvfb-run"), "xvfb-run is missing");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        List.of(
            "xvfb-run",
            "-a",
            "env",
            "-u",
            SoftwareRendering.VARIABLE,
            java,
            "-Dprism.order=sw",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            SoftwareRenderingProbe.class.getName(),
            mode);
    String out = Programs.run(cmd, Duration.ofSeconds(90));
    assertTrue(out.contains("driver="), out);
    return out;
  }

  @Test
  @DisplayName("on an X display, GTK maps no OpenGL driver with the switch")
  void noDriver() throws Exception {
    String plain = probe("plain");
    assumeTrue(
        plain.contains("driver=true"),
        "GTK maps no OpenGL driver here even without the switch (no Mesa?): nothing to show\n"
            + plain);
    String with = probe("switch");
    assertTrue(with.contains("driver=false"), with);
    assertTrue(with.contains("gdk_gl=unset"), with);
  }
}
