// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.MockCoder;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(30)
class BuildsTest {

  private static final UUID WS = UUID.fromString("0b6a2b7e-0000-4000-8000-000000000001");
  private static final UUID BUILD = UUID.fromString("0b6a2b7e-0000-4000-8000-000000000002");

  @RegisterExtension final MockCoder coder = new MockCoder();

  static String workspace(String status) {
    return "{\"id\":\""
        + WS
        + "\",\"name\":\"dev\",\"owner_name\":\"alice\",\"latest_build\":"
        + build(status, "succeeded", null)
        + "}";
  }

  static String build(String status, String job, String error) {
    return "{\"id\":\""
        + BUILD
        + "\",\"build_number\":7,\"transition\":\"start\",\"status\":\""
        + status
        + "\",\"job\":{\"status\":\""
        + job
        + "\""
        + (error == null ? "" : ",\"error\":\"" + error + "\"")
        + "},\"resources\":[]}";
  }

  @Test
  @DisplayName("start posts a start build, then follows it to the end, reporting each change")
  void startAndFollow() throws Exception {
    coder.reply(200, workspace("stopped"));
    coder.reply(201, build("pending", "pending", null));
    coder.reply(200, build("starting", "running", null));
    coder.reply(200, build("starting", "running", null));
    coder.reply(200, build("running", "succeeded", null));
    Workspaces workspaces = new Workspaces(coder.client());
    WorkspaceJson.Workspace ws = workspaces.find(WorkspaceName.parse("dev", "coder"));
    Builds builds = new Builds(coder.client());
    WorkspaceJson.Build b = builds.create(ws, Transition.START);
    List<String> seen = new ArrayList<>();
    int[] pauses = {0};
    WorkspaceJson.Build end =
        builds.follow(b, d -> pauses[0]++, x -> seen.add(x.status() + "/" + x.job().status()));
    assertEquals(List.of("pending/pending", "starting/running", "running/succeeded"), seen);
    assertEquals(3, pauses[0]);
    assertEquals("", Builds.failure(end));
    assertEquals(
        "/api/v2/users/me/workspace/dev?include_deleted=false",
        coder.server().takeRequest().getTarget());
    RecordedRequest post = coder.server().takeRequest();
    assertEquals("POST", post.getMethod());
    assertEquals("/api/v2/workspaces/" + WS + "/builds", post.getTarget());
    assertEquals("{\"transition\":\"start\"}", post.getBody().utf8());
    assertEquals("/api/v2/workspacebuilds/" + BUILD, coder.server().takeRequest().getTarget());
  }

  @Test
  @DisplayName("a failed build's job error is the failure message")
  void failure() throws Exception {
    coder.reply(200, build("failed", "failed", "terraform apply: quota exceeded"));
    WorkspaceJson.Build b = new Builds(coder.client()).get(BUILD);
    assertTrue(Builds.finished(b));
    assertEquals("the start build #7 failed: terraform apply: quota exceeded", Builds.failure(b));
  }

  @Test
  @DisplayName(
      "an unknown workspace is NotFound naming it; a refused build is the server's message")
  void errors() throws Exception {
    coder.reply(
        404, "{\"message\":\"Resource not found or you do not have access to this resource\"}");
    var e =
        assertThrows(
            Workspaces.NotFoundException.class,
            () -> new Workspaces(coder.client()).find(WorkspaceName.parse("nope", "coder")));
    assertTrue(e.getMessage().startsWith("no workspace named nope on http://"), e.getMessage());
    coder.reply(200, workspace("running"));
    coder.reply(409, "{\"message\":\"A workspace build is already active.\"}");
    WorkspaceJson.Workspace ws =
        new Workspaces(coder.client()).find(WorkspaceName.parse("dev", "coder"));
    var refused =
        assertThrows(
            CoderException.Api.class, () -> new Builds(coder.client()).create(ws, Transition.STOP));
    assertEquals(409, refused.status());
    assertEquals("A workspace build is already active.", refused.getMessage());
  }

  @Test
  @DisplayName("a stopped workspace has no agent to target, with a hint to start it")
  void stoppedHasNoAgent() {
    coder.reply(200, workspace("stopped"));
    var e =
        assertThrows(
            Workspaces.NotFoundException.class,
            () -> new Workspaces(coder.client()).target(WorkspaceName.parse("dev.coder", "coder")));
    assertEquals(
        "workspace dev has no agent (it is stopped; start it with coder-desktop start dev)",
        e.getMessage());
  }
}
