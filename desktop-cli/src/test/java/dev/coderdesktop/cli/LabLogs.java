// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import dev.coderdesktop.testbed.netns.ServiceLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test against a {@link ServiceLab} fails, keeps the lab's logs ({@link
 * ServiceLab#keepLogs}) in {@code target/service-lab/TEST/} and prints the service log's tail, so a
 * failure that only says "the state stayed CONNECTING" also shows what the service was doing.
 * Shared with the tray app's tests through this module's test fixtures.
 */
public final class LabLogs implements TestWatcher {

  private final Supplier<ServiceLab> lab;

  /** Watches the lab {@code lab} returns (null before the lab exists). */
  public LabLogs(Supplier<ServiceLab> lab) {
    this.lab = lab;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    ServiceLab l = lab.get();
    if (l == null) {
      return;
    }
    String test = context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName();
    Path to = Path.of("target", "service-lab", test.replaceAll("[^A-Za-z0-9._-]", "_"));
    String tail;
    try {
      tail = l.keepLogs(to);
    } catch (IOException | UncheckedIOException e) {
      System.err.println("could not keep the lab's logs in " + to + ": " + e);
      tail = l.tail("service.log");
    }
    System.err.println(
        "-- "
            + context.getDisplayName()
            + " failed; the service's last lines (all logs in "
            + to.toAbsolutePath()
            + "):\n"
            + tail);
  }
}
