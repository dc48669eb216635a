// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.workspace;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.workspace.Builds;
import dev.coderdesktop.coder.sdk.workspace.Pacer;
import dev.coderdesktop.coder.sdk.workspace.Transition;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceJson;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceName;
import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code start} and {@code stop}, which differ only in their transition: the WORKSPACE argument and
 * {@code --no-wait}, and the run: find the workspace, ask for the build unless the workspace is
 * already there, print the build's progress on stderr, and end with its outcome. picocli fills the
 * fields on the command's thread before {@link #call} is called.
 */
abstract class BuildCommand extends Subcommand {

  /**
   * Waits between polls of the build: a poll interval, not synchronisation (nothing else can tell
   * the CLI a build moved on without a websocket).
   */
  private static final Pacer PACER = d -> TimeUnit.NANOSECONDS.sleep(d.toNanos());

  @Parameters(
      index = "0",
      paramLabel = "WORKSPACE",
      description = "The workspace: NAME, OWNER/NAME or its .coder host name.")
  String workspace;

  @Option(names = "--no-wait", description = "Ask for the build and return without following it.")
  boolean noWait;

  private final Transition transition;

  BuildCommand(Transition transition) {
    this.transition = transition;
  }

  /** Asks for the transition's build of the workspace and, unless {@code --no-wait}, follows it. */
  @Override
  public final Integer call() throws UserError, IOException {
    Deployment d = Deployment.open(root);
    WorkspaceName name = Deployment.name(workspace, d.suffix());
    PrintWriter err = root.terminal().err();
    PrintWriter out = root.terminal().out();
    try {
      WorkspaceJson.Workspace ws = new Workspaces(d.client()).find(name);
      WorkspaceJson.Build latest = ws.latestBuild();
      if (latest.transition().equals(transition.wire())
          && latest.status().equals(transition.settledStatus())) {
        out.println("Workspace " + ws.name() + " is already " + latest.status() + ".");
        out.flush();
        return ExitCode.OK;
      }
      Builds builds = new Builds(d.client());
      WorkspaceJson.Build b = builds.create(ws, transition);
      err.println(
          (transition == Transition.START ? "Starting " : "Stopping ")
              + ws.name()
              + " (build #"
              + b.buildNumber()
              + ")");
      err.flush();
      if (noWait) {
        out.println("Asked for build #" + b.buildNumber() + " of " + ws.name() + ".");
        out.flush();
        return ExitCode.OK;
      }
      WorkspaceJson.Build end =
          builds.follow(
              b,
              PACER,
              x -> {
                err.println("  " + x.status() + " (job " + x.job().status() + ")");
                err.flush();
              });
      String failure = Builds.failure(end);
      if (!failure.isEmpty()) {
        throw new UserError(ExitCode.FAILED, ws.name() + ": " + failure);
      }
      out.println("Workspace " + ws.name() + " is " + end.status() + ".");
      out.flush();
      return ExitCode.OK;
    } catch (Workspaces.NotFoundException e) {
      throw new UserError(ExitCode.FAILED, e.getMessage());
    } catch (CoderException e) {
      throw Deployment.failed(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UserError(ExitCode.FAILED, "interrupted while following the build");
    }
  }
}
