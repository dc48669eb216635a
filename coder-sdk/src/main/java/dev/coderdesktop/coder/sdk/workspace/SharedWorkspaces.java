// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.Values;
import java.util.List;
import java.util.Optional;

/**
 * The workspaces other users shared with the signed-in user (Coder's workspace sharing). Coder
 * v2.30.0 lists them with the search filter {@code shared:true}, which also matches the user's own
 * workspaces that they shared out (those are dropped here) and reaches workspaces shared through a
 * group; the releases before it that have {@code shared_with_user:<id>} (direct shares only) are
 * asked that instead. Older servers (v2.20.0, v2.24.1) refuse both filters with 400, which reads as
 * "not supported": an empty result, never an error. Such workspaces are not in the tailnet's
 * workspace feed (it carries the user's own), so they have no {@code .coder} names. Stateless.
 */
public final class SharedWorkspaces {

  private SharedWorkspaces() {}

  /**
   * The workspaces shared with {@code me}, or empty when the deployment has no workspace sharing.
   *
   * @throws CoderException when the deployment fails otherwise (unreachable, a refused token)
   */
  public static Optional<List<WorkspaceJson.Workspace>> list(CoderClient api, Values.User me)
      throws CoderException {
    for (String query : List.of("shared:true", "shared_with_user:" + me.id())) {
      try {
        return Optional.of(
            new Workspaces(api)
                .search(query).stream().filter(w -> !me.username().equals(w.ownerName())).toList());
      } catch (CoderException.Api e) {
        if (e.status() != 400 || e instanceof CoderException.Unauthorized) {
          throw e;
        }
        // "Invalid workspace search query": this release does not know the filter.
      }
    }
    return Optional.empty();
  }
}
