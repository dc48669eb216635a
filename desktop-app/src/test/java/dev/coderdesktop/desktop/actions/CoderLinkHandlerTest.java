// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.actions;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.workspaces.AgentHealth;
import dev.coderdesktop.desktop.workspaces.AgentRow;
import dev.coderdesktop.desktop.workspaces.WorkspaceRow;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoderLinkHandlerTest {

  private static final String LINK =
      "coder://coder.example.com/v0/open/ws/dev/agent/main/rdp?username=Admin&password=p%40ss";

  private static Optional<SignIn> signIn(String url) throws Exception {
    return Optional.of(
        new SignIn(DeploymentUrl.parse(url), SessionToken.of("0123456789-abcdefghijklmnopqrstuv")));
  }

  private static final List<WorkspaceRow> ROWS =
      List.of(
          new WorkspaceRow(
              UUID.randomUUID(),
              "dev",
              Workspace.Status.RUNNING,
              List.of(
                  new AgentRow(UUID.randomUUID(), "main", "dev.coder", AgentHealth.CONNECTED))));

  @Test
  @DisplayName("a link for the signed-in deployment opens RDP to the agent's host, password apart")
  void opens() throws Exception {
    var o = CoderLinkHandler.handle(LINK, signIn("https://coder.example.com"), AppState.ON, ROWS);
    assertEquals(
        new CoderLinkHandler.Outcome.OpenRdp(
            "dev.coder", "rdp://Admin@dev.coder:3389", Optional.of("Admin"), Optional.of("p@ss")),
        o);
    assertFalse(o.toString().contains("p@ss"), "the password never reaches the log");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "other deployment | https://other.example.com | ON | "
            + LINK
            + " | not the deployment you are signed in to",
        "vpn off | https://coder.example.com | OFF | " + LINK + " | Turn CoderVPN on",
        "unknown workspace | https://coder.example.com | ON | coder://coder.example.com/v0/open/ws/nope/agent/main/rdp | no workspace named nope",
        "unknown agent | https://coder.example.com | ON | coder://coder.example.com/v0/open/ws/dev/agent/db/rdp | no running agent named db",
        "bad link | https://coder.example.com | ON | coder://coder.example.com/v0/open/ws/dev | Cannot open this link",
      })
  void refused(String what, String url, AppState state, String link, String says) throws Exception {
    var o = CoderLinkHandler.handle(link, signIn(url), state, ROWS);
    String reason = ((CoderLinkHandler.Outcome.Refused) o).reason();
    assertEquals(true, reason.contains(says), reason);
  }

  @Test
  @DisplayName("signed out: sign in first")
  void signedOut() {
    var o = CoderLinkHandler.handle(LINK, Optional.empty(), AppState.SIGNED_OUT, List.of());
    assertEquals(new CoderLinkHandler.Outcome.Refused("Sign in to Coder Desktop first."), o);
  }
}
