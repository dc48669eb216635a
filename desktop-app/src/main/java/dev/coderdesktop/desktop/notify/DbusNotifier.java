// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls {@code org.freedesktop.Notifications.Notify} on the session bus with GLib's {@code gdbus}
 * (in every GNOME, KDE and XFCE desktop; Debian: libglib2.0-bin), so the app needs no D-Bus
 * library. Arguments are GVariant text, quoted here. Thread-safe (one process per notice).
 */
public final class DbusNotifier implements Notifier {

  private static final long TIMEOUT_SECONDS = 5;
  private static final int EXPIRE_MS = 8000;

  private final String gdbus;
  private final Map<String, String> env;

  /**
   * @param gdbus the {@code gdbus} command
   * @param env the session's environment (its {@code DBUS_SESSION_BUS_ADDRESS} is used)
   */
  public DbusNotifier(String gdbus, Map<String, String> env) {
    this.gdbus = gdbus;
    this.env = Map.copyOf(env);
  }

  /** The command line for {@code n}. */
  List<String> argv(Notice n) {
    List<String> a = new ArrayList<>();
    a.add(gdbus);
    a.addAll(
        List.of(
            "call",
            "--session",
            "--dest",
            "org.freedesktop.Notifications",
            "--object-path",
            "/org/freedesktop/Notifications",
            "--method",
            "org.freedesktop.Notifications.Notify",
            quote("Coder Desktop"),
            "0",
            quote("coder-desktop"),
            quote(n.summary()),
            quote(n.body()),
            "[]",
            "{'category': <'network'>}",
            Integer.toString(EXPIRE_MS)));
    return a;
  }

  @Override
  public void post(Notice n) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(argv(n)).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("gdbus did not finish in " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
    if (p.exitValue() != 0) {
      throw new IOException("no notification server answered: " + out);
    }
  }

  /** A GVariant string literal. */
  static String quote(String s) {
    return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
