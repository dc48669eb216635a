// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The control client's redial schedule (its tests against a server live in the testbed). */
class TailnetControlClientBackoffTest {

  @Test
  @DisplayName("redial backoff doubles from 50 ms and stops at 10 s")
  void backoff() {
    assertEquals(Duration.ofMillis(50), TailnetControlClient.backoff(1));
    assertEquals(Duration.ofMillis(100), TailnetControlClient.backoff(2));
    assertEquals(Duration.ofMillis(6400), TailnetControlClient.backoff(8));
    assertEquals(Duration.ofSeconds(10), TailnetControlClient.backoff(9));
    assertEquals(Duration.ofSeconds(10), TailnetControlClient.backoff(100));
  }
}
