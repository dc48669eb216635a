// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.tray;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.coderdesktop.desktop.fixtures.Programs;
import dev.coderdesktop.desktop.state.AppState;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The tray icon on a real X server (Xvfb) in a child JVM: with a tray host (trayer) it is
 * installed; without one the app falls back to its window. Needs xvfb-run and trayer (see
 * scripts/prereqs.sh); without them the test skips, except under CI, where it fails.
 */
@Timeout(120)
class TrayIconTest {

  @ParameterizedTest
  @EnumSource(AppState.class)
  @DisplayName("every state has its own icon, drawn at the asked size")
  void icons(AppState s) {
    BufferedImage img = TrayIcons.icon(s, 24);
    assertEquals(24, img.getWidth());
    int centre = img.getRGB(12, 12);
    if (TrayIcons.dot(s) != null) {
      assertEquals(TrayIcons.dot(s).getRGB(), centre, "the centre shows the state's colour");
    }
  }

  private static String probe(boolean withTray) throws Exception {
    boolean have = Programs.onPath("xvfb-run", "trayer");
    if (System.getenv("CI") != null) {
      assertTrue(
          have, "CI must run the tray icon test: install xvfb and trayer (scripts/prereqs.sh)");
    }
    assumeTrue(have, "xvfb-run or trayer is missing");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("java.class.path");
    String run =
        (withTray ? "trayer --edge top --align right --widthtype pixel --width 96 & sleep 2; " : "")
            + "exec \"$0\" --enable-native-access=ALL-UNNAMED -cp \"$1\" "
            + TrayIconProbe.class.getName();
    return Programs.run(
        List.of("xvfb-run", "-a", "sh", "-c", run, java, cp), Duration.ofSeconds(90));
  }

  @Test
  @DisplayName("with a tray host the icon is installed")
  void withTray() throws Exception {
    String out = probe(true);
    assertTrue(out.contains("installed=true"), out);
  }

  @Test
  @DisplayName("without a tray host there is no icon, and the log says why")
  void withoutTray() throws Exception {
    String out = probe(false);
    assertTrue(out.contains("installed=false"), out);
    assertTrue(out.contains("no tray icon"), out);
  }
}
