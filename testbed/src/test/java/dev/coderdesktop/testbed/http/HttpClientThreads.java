// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.http;

/**
 * The JDK HTTP clients alive in this JVM, counted by their selector threads (one per client, named
 * {@code HttpClient-N-SelectorManager}): a client nobody shut down keeps its thread until a GC.
 */
public final class HttpClientThreads {

  private HttpClientThreads() {}

  /** How many JDK HTTP client selector threads are running now. */
  public static long selectors() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(
            t -> t.getName().startsWith("HttpClient-") && t.getName().endsWith("-SelectorManager"))
        .count();
  }
}
