// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The undo list of a session being built: each step that acquires something registers how to
 * release it, and {@link #run()} releases everything in reverse order. A release that fails (with
 * any exception) is logged and the others still run, so a Start that fails half-way, or a Stop,
 * never leaves a device, socket or thread behind because an earlier release threw.
 *
 * <p>Thread-safe; {@link #run()} runs each release once.
 */
public final class Teardown {

  private static final Logger LOG = Logger.getLogger(Teardown.class.getName());

  /** One release action. */
  @FunctionalInterface
  public interface Release {
    /** Releases; may throw, which is logged. */
    void release() throws Exception;
  }

  private record Step(String what, Release release) {}

  // Guarded by this.
  private final Deque<Step> steps = new ArrayDeque<>();

  /** Registers the release of {@code what}; the last registered runs first. */
  public synchronized void add(String what, Release release) {
    steps.push(new Step(what, release));
  }

  /** Releases everything registered so far, newest first; returns how many releases failed. */
  public int run() {
    int failed = 0;
    while (true) {
      Step s;
      synchronized (this) {
        s = steps.poll();
      }
      if (s == null) {
        return failed;
      }
      try {
        s.release().release();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed++;
        LOG.warning("releasing " + s.what() + " was interrupted");
      } catch (Exception | LinkageError | AssertionError e) {
        failed++;
        LOG.log(Level.WARNING, "releasing " + s.what() + " failed: " + e, e);
      }
    }
  }
}
