// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.service.session.Session;
import dev.coderdesktop.vpn.service.session.SignInException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The service turning the VPN back on after it restarts, from its store. */
@Timeout(30)
class RestorerTest {

  private static final Session.StartParams WANTED =
      new Session.StartParams("https://coder.example.com", "tok-123", Map.of());

  private final TestClock clock = new TestClock();
  private final MemoryStore store = new MemoryStore();
  private final AtomicInteger opened = new AtomicInteger();
  // Failures the next opens throw, in order; empty means the open succeeds.
  private final Deque<SignInException> failures = new ArrayDeque<>();

  private VpnService service() {
    return new VpnService(
        (params, listener) -> {
          opened.incrementAndGet();
          synchronized (failures) {
            SignInException e = failures.poll();
            if (e != null) {
              throw e;
            }
          }
          return new IdleSession();
        },
        clock,
        store,
        ClientLimits.DEFAULT);
  }

  @AfterEach
  void close() {
    clock.close();
  }

  private static void await(String what, BooleanSupplier done) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!done.getAsBoolean()) {
      assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
      LockSupportPause.pause();
    }
  }

  @Test
  @DisplayName("nothing recorded: the VPN stays off")
  void nothing() {
    VpnService s = service();
    assertFalse(new Restorer(s, store, clock).begin());
    assertEquals(0, opened.get());
  }

  @Test
  @DisplayName("a recorded session comes back, after retries while the deployment is unreachable")
  void comesBack() {
    store.save(WANTED);
    synchronized (failures) {
      failures.add(new SignInException(SignInException.Kind.UNREACHABLE, "no route"));
      failures.add(new SignInException(SignInException.Kind.UNREACHABLE, "no route"));
    }
    VpnService s = service();
    assertTrue(new Restorer(s, store, clock).begin());
    await("the session", () -> s.status().getLifecycle() == Status.Lifecycle.STARTED);
    assertEquals(3, opened.get(), "two failed attempts, then the one that worked");
    assertEquals(WANTED, store.saved.get(), "still recorded");
  }

  @Test
  @DisplayName("a refused token ends the restore and forgets the record")
  void refused() {
    store.save(WANTED);
    synchronized (failures) {
      failures.add(SignInException.signedOut("HTTP 401"));
    }
    VpnService s = service();
    assertTrue(new Restorer(s, store, clock).begin());
    await("the failed attempt", () -> opened.get() == 1 && store.saved.get() == null);
    Status st = s.status();
    assertEquals(Status.Lifecycle.STOPPED, st.getLifecycle());
    assertTrue(st.getErrorMessage().contains("Sign in again"), st.getErrorMessage());
  }

  @Test
  @DisplayName("a Stop while a retry is pending cancels the restore")
  void stopCancels() throws Exception {
    store.save(WANTED);
    synchronized (failures) {
      failures.add(new SignInException(SignInException.Kind.UNREACHABLE, "no route"));
    }
    VpnService s = service();
    assertTrue(new Restorer(s, store, clock).begin());
    // Over once the service has left STARTING (a Stop during a Start is refused): the count goes
    // up as the attempt opens, a moment before it fails.
    await(
        "the first attempt",
        () -> opened.get() == 1 && s.status().getLifecycle() != Status.Lifecycle.STARTING);
    assertTrue(s.stop().getSuccess());
    // The retry was due within 1.5 s; give it twice that to (not) happen.
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3000);
    while (System.nanoTime() < until) {
      LockSupportPause.pause();
    }
    assertEquals(1, opened.get(), "no attempt after the Stop");
    assertEquals(null, store.saved.get());
    assertEquals(Status.Lifecycle.STOPPED, s.status().getLifecycle());
  }
}
