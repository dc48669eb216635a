// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.actions;

import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.workspace.CoderLink;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.workspaces.AgentRow;
import dev.coderdesktop.desktop.workspaces.WorkspaceRow;
import java.util.List;
import java.util.Optional;

/**
 * Decides what a {@code coder://} link does, as Coder's desktop apps do: it must be for the
 * signed-in deployment, CoderVPN must be on, and the workspace and agent must be in the list; then
 * Remote Desktop opens to the agent's host, the password (if the link has one) going to the
 * clipboard. Stateless; the caller shows the outcome.
 */
public final class CoderLinkHandler {

  /** What to do with a link. */
  public sealed interface Outcome {

    /**
     * Open Remote Desktop.
     *
     * @param host the agent's host name
     * @param rdpUrl the {@code rdp://} URL to hand to the desktop
     * @param username the user, if the link names one
     * @param password the password to put on the clipboard, if the link has one
     */
    record OpenRdp(String host, String rdpUrl, Optional<String> username, Optional<String> password)
        implements Outcome {

      @Override
      public String toString() {
        return "OpenRdp[" + rdpUrl + (password.isPresent() ? ", with a password" : "") + "]";
      }
    }

    /**
     * Nothing to open.
     *
     * @param reason a sentence for the user
     */
    record Refused(String reason) implements Outcome {}
  }

  private CoderLinkHandler() {}

  /** What {@code link} does now. */
  public static Outcome handle(
      String link, Optional<SignIn> signIn, AppState vpn, List<WorkspaceRow> workspaces) {
    CoderLink l;
    try {
      l = CoderLink.parse(link);
    } catch (IllegalArgumentException e) {
      return new Outcome.Refused("Cannot open this link: " + e.getMessage() + ".");
    }
    if (signIn.isEmpty()) {
      return new Outcome.Refused("Sign in to Coder Desktop first.");
    }
    if (!l.isFor(signIn.get().url().uri())) {
      return new Outcome.Refused(
          "The link is for "
              + l.authority()
              + ", not the deployment you are signed in to ("
              + signIn.get().url().uri().getHost()
              + ").");
    }
    if (vpn != AppState.ON) {
      return new Outcome.Refused("Turn CoderVPN on to open workspace links.");
    }
    Optional<WorkspaceRow> ws =
        workspaces.stream().filter(w -> w.name().equalsIgnoreCase(l.workspace())).findFirst();
    if (ws.isEmpty()) {
      return new Outcome.Refused("There is no workspace named " + l.workspace() + ".");
    }
    Optional<AgentRow> agent =
        ws.get().agents().stream().filter(a -> a.name().equalsIgnoreCase(l.agent())).findFirst();
    if (agent.isEmpty()) {
      return new Outcome.Refused(
          "Workspace "
              + ws.get().name()
              + " has no running agent named "
              + l.agent()
              + ". Is the workspace running?");
    }
    String host = agent.get().hostname();
    return new Outcome.OpenRdp(host, l.rdpUrl(host), l.username(), l.password());
  }
}
