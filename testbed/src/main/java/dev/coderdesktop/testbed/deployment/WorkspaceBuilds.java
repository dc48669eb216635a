// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.deployment;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Workspace builds as coderd runs them, on the testbed's clock: a start or stop build is {@code
 * pending}, then {@code starting}/{@code stopping} with its job running, then {@code
 * running}/{@code stopped} with the job succeeded (the workspace's agents come or go at that
 * moment, through {@link Deployment#setRunning}), or {@code failed} with the job's error when a
 * failure was queued. One build at a time per workspace, as coderd allows.
 *
 * <p>Thread-safe: state under this object's lock; timers fire on the clock's thread.
 */
public final class WorkspaceBuilds {

  /**
   * A build.
   *
   * @param id id
   * @param workspace its workspace
   * @param number the workspace's build counter
   * @param transition {@code start} or {@code stop}
   * @param status the build status
   * @param jobStatus the provisioner job's status
   * @param error the job's error, or empty
   */
  public record Build(
      UUID id,
      UUID workspace,
      int number,
      String transition,
      String status,
      String jobStatus,
      String error) {

    /** Whether the job still runs. */
    public boolean active() {
      return jobStatus.equals("pending") || jobStatus.equals("running");
    }
  }

  /** Another build of the workspace is still active. */
  public static final class ConflictException extends Exception {
    private static final long serialVersionUID = 1L;

    ConflictException(String message) {
      super(message);
    }
  }

  private final Deployment deployment;
  private final Clock clock;
  private final Duration step;
  // Guarded by this.
  private final Map<UUID, Build> byId = new HashMap<>();
  private final Map<UUID, Build> latest = new HashMap<>();
  private final Map<UUID, String> failNext = new HashMap<>();

  /** Builds over {@code deployment}; each phase lasts {@code step}. */
  public WorkspaceBuilds(Deployment deployment, Clock clock, Duration step) {
    this.deployment = deployment;
    this.clock = clock;
    this.step = step;
  }

  /**
   * The workspace's latest build. A workspace started or stopped by other means (the admin call,
   * the config) gets a succeeded build that matches, so the answer always agrees with its agents.
   */
  public synchronized Build latest(Deployment.Workspace w) {
    Build b = latest.get(w.id());
    String settled = w.running() ? "start" : "stop";
    if (b != null
        && (b.active() || b.jobStatus().equals("failed") || b.transition().equals(settled))) {
      return b;
    }
    int number = b == null ? 1 : b.number() + 1;
    Build made =
        new Build(
            id(w.id(), number),
            w.id(),
            number,
            settled,
            w.running() ? "running" : "stopped",
            "succeeded",
            "");
    remember(made);
    return made;
  }

  /** A build by id. */
  public synchronized Optional<Build> get(UUID id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Makes the workspace's next build fail with {@code error} (for tests). */
  public synchronized void failNext(UUID workspace, String error) {
    failNext.put(workspace, error);
  }

  /**
   * Queues a {@code transition} build.
   *
   * @throws ConflictException when a build of the workspace is still active
   */
  public Build create(Deployment.Workspace w, String transition) throws ConflictException {
    Build b;
    synchronized (this) {
      Build last = latest(w);
      if (last.active()) {
        throw new ConflictException("A workspace build is already active.");
      }
      b =
          new Build(
              id(w.id(), last.number() + 1),
              w.id(),
              last.number() + 1,
              transition,
              "pending",
              "pending",
              "");
      remember(b);
    }
    Build pending = b;
    Timer done = clock.newTimer("build-" + b.number() + "-done", () -> finish(w, pending));
    Timer run =
        clock.newTimer(
            "build-" + b.number() + "-run",
            () -> {
              update(pending, transition.equals("start") ? "starting" : "stopping", "running", "");
              done.mod(step);
            });
    run.mod(step);
    return b;
  }

  private void finish(Deployment.Workspace w, Build b) {
    String error;
    synchronized (this) {
      error = failNext.remove(w.id());
    }
    if (error != null) {
      update(b, "failed", "failed", error);
      return;
    }
    boolean start = b.transition().equals("start");
    // The agents come or go first, as coderd's job completes after the resources exist.
    deployment.setRunning(w.owner().username(), w.name(), start);
    update(b, start ? "running" : "stopped", "succeeded", "");
  }

  private synchronized void update(Build b, String status, String job, String error) {
    remember(new Build(b.id(), b.workspace(), b.number(), b.transition(), status, job, error));
  }

  private void remember(Build b) {
    byId.put(b.id(), b);
    Build l = latest.get(b.workspace());
    if (l == null || l.number() <= b.number()) {
      latest.put(b.workspace(), b);
    }
  }

  private static UUID id(UUID workspace, int number) {
    return UUID.nameUUIDFromBytes(
        ("build:" + workspace + ":" + number).getBytes(StandardCharsets.UTF_8));
  }
}
