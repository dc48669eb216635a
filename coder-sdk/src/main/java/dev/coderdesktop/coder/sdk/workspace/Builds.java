// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Starts and stops workspaces with a build through the API, as the dashboard's buttons do, and
 * follows a build until its provisioner job ends. Stateless over a thread-safe client.
 */
public final class Builds {

  /** Job states after which a build no longer changes. */
  private static final Set<String> FINAL_JOB = Set.of("succeeded", "failed", "canceled");

  /** How often a running build is polled; the dashboard refreshes about as often. */
  public static final Duration POLL = Duration.ofSeconds(1);

  private final CoderClient client;

  /** Builds through {@code client}. */
  public Builds(CoderClient client) {
    this.client = client;
  }

  /**
   * Asks for a build with {@code transition} ({@code POST /api/v2/workspaces/{id}/builds}).
   *
   * @return the new build, usually still pending
   * @throws CoderException the server's refusal (e.g. a build already running, no permission)
   */
  public WorkspaceJson.Build create(WorkspaceJson.Workspace ws, Transition transition)
      throws CoderException {
    return client.post(
        "/api/v2/workspaces/" + ws.id() + "/builds",
        new WorkspaceJson.BuildRequest(transition.wire()),
        WorkspaceJson.Build.class);
  }

  /** {@code GET /api/v2/workspacebuilds/{id}}. */
  public WorkspaceJson.Build get(UUID id) throws CoderException {
    return client.get("/api/v2/workspacebuilds/" + id, WorkspaceJson.Build.class);
  }

  /**
   * Polls the build until its job ends, telling {@code progress} each time the build's status
   * changes (and once at the start).
   *
   * @return the finished build; see {@link #failure(WorkspaceJson.Build)}
   */
  public WorkspaceJson.Build follow(
      WorkspaceJson.Build build, Pacer pacer, Consumer<WorkspaceJson.Build> progress)
      throws CoderException, InterruptedException {
    WorkspaceJson.Build b = build;
    progress.accept(b);
    while (!finished(b)) {
      pacer.pause(POLL);
      WorkspaceJson.Build next = get(b.id());
      if (!Objects.equals(next.status(), b.status())
          || !Objects.equals(next.job().status(), b.job().status())) {
        progress.accept(next);
      }
      b = next;
    }
    return b;
  }

  /** Whether the build's job has ended (succeeded, failed or canceled). */
  public static boolean finished(WorkspaceJson.Build b) {
    return FINAL_JOB.contains(b.job().status());
  }

  /**
   * Why a finished build failed, in the server's words; empty when it succeeded.
   *
   * @return a sentence, or the empty string
   */
  public static String failure(WorkspaceJson.Build b) {
    String job = b.job().status();
    if (job.equals("succeeded")) {
      return "";
    }
    String error = b.job().error();
    String what = job.equals("canceled") ? "was canceled" : "failed";
    return "the "
        + b.transition()
        + " build #"
        + b.buildNumber()
        + " "
        + what
        + (error == null || error.isBlank() ? "" : ": " + error.strip());
  }
}
