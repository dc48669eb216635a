// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.deployments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.JsonOption;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.workspace.SharedWorkspaces;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code shared}: the workspaces other users shared with you on the current deployment, apart from
 * your own (which {@code hosts} lists by name). A deployment without workspace sharing lists none
 * and says so; that is not an error.
 */
@Command(
    name = "shared",
    mixinStandardHelpOptions = true,
    description = {
      "List the workspaces other users shared with you on the current deployment (Coder's"
          + " workspace sharing; releases without it list none).",
      "They are not reached through CoderVPN's .coder names, which cover your own workspaces:"
          + " open them from the dashboard (the URL is printed)."
    })
public final class SharedCommand extends Subcommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin JsonOption json;

  @Override
  public Integer call() throws UserError, IOException {
    SignIn s = root.signIn();
    Optional<List<WorkspaceJson.Workspace>> shared;
    try {
      CoderClient api = root.api(s.url(), s.token(), null);
      shared = SharedWorkspaces.list(api, api.me());
    } catch (CoderException e) {
      throw new UserError(ExitCode.FAILED, s.url() + ": " + e.getMessage());
    }
    List<WorkspaceJson.Workspace> list = shared.orElse(List.of());
    PrintWriter out = root.terminal().out();
    if (json.given()) {
      ObjectNode o = JSON.createObjectNode();
      o.put("schema", 1);
      o.put("deployment", s.url().toString());
      o.put("supported", shared.isPresent());
      ArrayNode a = o.putArray("workspaces");
      for (WorkspaceJson.Workspace w : list) {
        ObjectNode n = a.addObject();
        n.put("owner", w.ownerName());
        n.put("name", w.name());
        n.put("status", status(w));
        n.put("url", dashboard(s, w));
      }
      out.println(JSON.writeValueAsString(o));
    } else if (shared.isEmpty()) {
      out.println(
          s.url()
              + " does not list shared workspaces (its Coder release has no workspace sharing).");
    } else if (list.isEmpty()) {
      out.println("No workspaces are shared with you on " + s.url() + ".");
    } else {
      for (WorkspaceJson.Workspace w : list) {
        out.println(w.ownerName() + "/" + w.name() + "  " + status(w) + "  " + dashboard(s, w));
      }
    }
    out.flush();
    return ExitCode.OK;
  }

  private static String status(WorkspaceJson.Workspace w) {
    // A workspace always has a latest build; an absent status reads as empty.
    return w.latestBuild().status().isEmpty() ? "unknown" : w.latestBuild().status();
  }

  /** Where the dashboard shows the workspace: {@code /@owner/name}. */
  static String dashboard(SignIn s, WorkspaceJson.Workspace w) {
    return s.url() + "/@" + w.ownerName() + "/" + w.name();
  }
}
