// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * Run in a child JVM on a real (virtual) X display with {@code -Dprism.order=sw}: starts JavaFX the
 * way the tray app does (with the switch when the first argument is {@code switch}), shows a
 * window, and prints whether an OpenGL driver got mapped ({@code driver=}) and what {@code GDK_GL}
 * is afterwards ({@code gdk_gl=}).
 */
public final class SoftwareRenderingProbe {

  private SoftwareRenderingProbe() {}

  /** Prints {@code driver=true|false} and {@code gdk_gl=VALUE|unset}. */
  public static void main(String[] args) throws Throwable {
    if (args.length > 0 && args[0].equals("switch")) {
      SoftwareRendering.beforeToolkit();
    }
    CompletableFuture<Void> shown = new CompletableFuture<>();
    Platform.startup(
        () -> {
          SoftwareRendering.afterToolkit();
          Stage s = new Stage();
          s.setScene(new Scene(new Label("probe"), 200, 100));
          s.show();
          shown.complete(null);
        });
    shown.get(30, TimeUnit.SECONDS);
    // A few frames drawn.
    Thread.sleep(1500);
    String maps = Files.readString(Path.of("/proc/self/maps"));
    boolean driver =
        maps.contains("_dri.so") || maps.contains("libGLX_mesa") || maps.contains("libLLVM");
    System.out.println("driver=" + driver);
    System.out.println("gdk_gl=" + SoftwareRendering.Libc.get("GDK_GL").orElse("unset"));
    System.out.flush();
    Runtime.getRuntime().halt(0);
  }
}
