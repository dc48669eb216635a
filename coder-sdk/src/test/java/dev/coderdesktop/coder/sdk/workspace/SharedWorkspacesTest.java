// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.MockCoder;
import dev.coderdesktop.coder.sdk.Values;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Workspaces shared with the user, as Coder's releases answer: v2.30.0 knows {@code shared:true},
 * the releases between know only {@code shared_with_user:}, and v2.20.0/v2.24.1 refuse both with
 * coderd's 400 "Invalid workspace search query.".
 */
@Timeout(30)
class SharedWorkspacesTest {

  private static final Values.User ME =
      new Values.User(UUID.fromString("3dd8b1b8-dff5-4b22-8ae9-c243ca136ecf"), "alice", "a@x");
  private static final String INVALID =
      "{\"message\":\"Invalid workspace search query.\",\"validations\":[{\"field\":\"shared\","
          + "\"detail\":\"Query param \\\"shared\\\" is not a valid query param\"}]}";

  @RegisterExtension final MockCoder coder = new MockCoder();

  private static String workspace(String owner, String name) {
    return "{\"id\":\""
        + UUID.randomUUID()
        + "\",\"name\":\""
        + name
        + "\",\"owner_name\":\""
        + owner
        + "\",\"latest_build\":{\"id\":\""
        + UUID.randomUUID()
        + "\",\"status\":\"running\",\"resources\":[]}}";
  }

  @Test
  @DisplayName("v2.30.0: shared:true, without the user's own workspaces that they shared out")
  void sharedTrue() throws Exception {
    coder.reply(
        200,
        "{\"workspaces\":["
            + workspace("bob", "api")
            + ","
            + workspace("alice", "mine")
            + "],\"count\":2}");
    List<WorkspaceJson.Workspace> list = SharedWorkspaces.list(coder.client(), ME).orElseThrow();
    assertEquals(
        List.of("bob/api"), list.stream().map(w -> w.ownerName() + "/" + w.name()).toList());
    assertEquals("/api/v2/workspaces?q=shared%3Atrue", coder.server().takeRequest().getTarget());
  }

  @Test
  @DisplayName("a release with only shared_with_user: is asked by the user's id")
  void sharedWithUser() throws Exception {
    coder.reply(400, INVALID);
    coder.reply(200, "{\"workspaces\":[" + workspace("bob", "api") + "],\"count\":1}");
    assertEquals(1, SharedWorkspaces.list(coder.client(), ME).orElseThrow().size());
    coder.server().takeRequest();
    assertEquals(
        "/api/v2/workspaces?q=shared_with_user%3A" + ME.id(),
        coder.server().takeRequest().getTarget());
  }

  @Test
  @DisplayName("v2.20.0 and v2.24.1 know neither filter: not supported, no error")
  void unsupported() throws Exception {
    coder.reply(400, INVALID);
    coder.reply(400, INVALID);
    assertEquals(Optional.empty(), SharedWorkspaces.list(coder.client(), ME));
  }

  @Test
  @DisplayName("a refused token is still an error")
  void refused() {
    coder.reply(401, "{\"message\":\"Invalid session token.\"}");
    assertThrows(
        CoderException.Unauthorized.class, () -> SharedWorkspaces.list(coder.client(), ME));
  }
}
