// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.workspaces;

import java.util.Comparator;
import java.util.List;

/** The name a user copies for an agent. Stateless. */
public final class Hostnames {

  private Hostnames() {}

  /**
   * The shortest FQDN without its trailing dot ({@code dev.coder.} → {@code dev.coder}); ties go to
   * the alphabetically first; empty when there is none.
   */
  public static String primary(List<String> fqdns) {
    return fqdns.stream()
        .map(f -> f.endsWith(".") ? f.substring(0, f.length() - 1) : f)
        .filter(f -> !f.isEmpty())
        .min(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()))
        .orElse("");
  }
}
