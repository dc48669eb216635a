// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A session's steps against a fake machine that fails at each step in turn. */
@Timeout(30)
class TunnelSessionTest {

  private static final Session.StartParams PARAMS =
      new Session.StartParams("https://coder.example.com", "tok-123", Map.of());

  private static final Session.Listener IGNORE = agents -> {};

  static Stream<Arguments> failures() {
    return FakePlatform.STEPS.stream()
        .flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
  }

  @ParameterizedTest(name = "{0}, RuntimeException: {1}")
  @MethodSource("failures")
  @DisplayName("a failure at any step releases everything the earlier steps set up")
  void failureAtEachStep(String step, boolean runtime) {
    FakePlatform machine = new FakePlatform(step, runtime);
    SignInException e =
        assertThrows(
            SignInException.class, () -> TunnelSession.open(PARAMS, "coder0", machine, IGNORE));
    assertTrue(e.getMessage().contains("injected failure at " + step), e.getMessage());
    assertTrue(machine.clean(), "left behind: " + machine);
  }

  @Test
  @DisplayName("a failure while releasing does not stop the other releases")
  void failingReleases() {
    FakePlatform machine = new FakePlatform("engine.start", true);
    machine.failReleases = true;
    assertThrows(
        SignInException.class, () -> TunnelSession.open(PARAMS, "coder0", machine, IGNORE));
    assertFalse(machine.has("tun"), "the device was closed although the engine's close threw");
    assertFalse(machine.has("names"));
    assertFalse(machine.has("resolver"));
    assertTrue(machine.addresses.isEmpty() && machine.routes.isEmpty());
  }

  @Test
  @DisplayName(
      "a session that came up holds the device, both addresses, the route, and closes clean")
  void upAndDown() throws Exception {
    FakePlatform machine = new FakePlatform("none", false);
    TunnelSession s = TunnelSession.open(PARAMS, "coder0", machine, IGNORE);
    assertTrue(machine.has("tun") && machine.has("link up") && machine.has("names"));
    assertTrue(machine.has("resolver") && machine.has("engine running"));
    assertEquals(2, machine.addresses.size());
    assertEquals(
        List.of("fd60:627a:a42b::/48 src " + s.address().getHostAddress()),
        List.copyOf(machine.routes));
    s.close();
    assertTrue(machine.clean(), "left behind: " + machine);
    s.close(); // a second close is harmless
    assertTrue(machine.clean());
  }

  @Test
  @DisplayName("Start answers once the engine reaches the agents, and also when it gives up on one")
  void waitsForFirstReach() throws Exception {
    for (boolean reached : new boolean[] {true, false}) {
      FakePlatform machine = new FakePlatform("none", false);
      machine.reach = new CompletableFuture<>();
      CompletableFuture<TunnelSession> opened =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return TunnelSession.open(PARAMS, "coder0", machine, IGNORE);
                } catch (SignInException e) {
                  throw new IllegalStateException(e);
                }
              });
      // Held back for as long as the engine has not said: open must still be waiting.
      Thread.sleep(300);
      assertFalse(opened.isDone(), "Start answered before the engine reached the agents");
      assertTrue(machine.has("engine running"), "the engine runs while Start waits");
      machine.reach.complete(reached);
      TunnelSession s = opened.get(10, TimeUnit.SECONDS);
      s.close();
      assertTrue(machine.clean(), "left behind: " + machine);
    }
  }
}
