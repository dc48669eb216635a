// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

/**
 * One {@code netcheck} step's outcome. Immutable.
 *
 * @param name the step: {@code service}, {@code resolver}, {@code shim}, {@code relay} or {@code
 *     agent}
 * @param passed whether it passed
 * @param detail what was seen
 * @param fix what to do when it failed (empty when it passed)
 */
record Step(String name, boolean passed, String detail, String fix) {

  static Step pass(String name, String detail) {
    return new Step(name, true, detail, "");
  }

  static Step fail(String name, String detail, String fix) {
    return new Step(name, false, detail, fix);
  }
}
