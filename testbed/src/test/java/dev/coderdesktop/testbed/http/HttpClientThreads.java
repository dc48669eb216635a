// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.http;

/**
 * The JDK HTTP clients alive in this JVM, counted by their selector threads (one per client, named
 * {@code HttpClient-N-SelectorManager}): a client nobody shut down keeps its thread until a GC.
 */
public final class HttpClientThreads {

  private HttpClientThreads() {}

  /** The names of the JDK HTTP client selector threads running now. */
  public static java.util.Set<String> selectors() {
    return Thread.getAllStackTraces().keySet().stream()
        .map(Thread::getName)
        .filter(n -> n.startsWith("HttpClient-") && n.endsWith("-SelectorManager"))
        .collect(java.util.stream.Collectors.toSet());
  }

  /**
   * The selector threads running now that were not in {@code before}: the clients made since. (A
   * client of an earlier test that a GC collects meanwhile only leaves {@code before}.)
   */
  public static java.util.Set<String> since(java.util.Set<String> before) {
    java.util.Set<String> now = new java.util.HashSet<>(selectors());
    now.removeAll(before);
    return now;
  }
}
