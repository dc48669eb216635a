// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.deployments;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.JsonOption;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.signin.SignInIndex;
import dev.coderdesktop.vpn.proto.wire.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code deployments}: the deployments signed in to, which one is current, and which one CoderVPN
 * is on (when the service answers). Never shows a token.
 */
@Command(
    name = "deployments",
    mixinStandardHelpOptions = true,
    description = {
      "List the deployments you are signed in to: * marks the current one (used by 'up' and the"
          + " tray app), 'vpn' the one CoderVPN is on.",
      "'coder-desktop login URL' adds one, 'coder-desktop use DEPLOYMENT' switches,"
          + " 'coder-desktop logout DEPLOYMENT' removes one."
    })
public final class DeploymentsCommand extends Subcommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Mixin JsonOption json;

  @Override
  public Integer call() throws IOException {
    return list(root, json.given());
  }

  /** Prints the list as text or JSON; also {@code use} without an argument. */
  static int list(CoderDesktopCli root, boolean json) throws IOException {
    SignInIndex index = root.tokens().index();
    Optional<String> vpn =
        VpnPeek.status(root)
            .filter(s -> s.getLifecycle() == Status.Lifecycle.STARTED)
            .map(Status::getDeploymentUrl)
            .filter(u -> !u.isEmpty());
    PrintWriter out = root.terminal().out();
    if (json) {
      ObjectNode o = JSON.createObjectNode();
      o.put("schema", 1);
      if (index.current().isPresent()) {
        o.put("current", index.current().get().toString());
      } else {
        o.putNull("current");
      }
      if (vpn.isPresent()) {
        o.put("vpn", vpn.get());
      } else {
        o.putNull("vpn");
      }
      ArrayNode list = o.putArray("deployments");
      for (DeploymentUrl u : index.deployments()) {
        ObjectNode d = list.addObject();
        d.put("url", u.toString());
        d.put("host", u.uri().getHost());
        d.put("current", index.current().equals(Optional.of(u)));
        d.put("vpn", vpn.equals(Optional.of(u.toString())));
      }
      out.println(JSON.writeValueAsString(o));
    } else if (index.deployments().isEmpty()) {
      out.println("Not signed in to any deployment: run 'coder-desktop login URL'.");
    } else {
      for (DeploymentUrl u : index.deployments()) {
        boolean current = index.current().equals(Optional.of(u));
        boolean on = vpn.equals(Optional.of(u.toString()));
        out.println((current ? "* " : "  ") + u + (on ? "  vpn" : ""));
      }
    }
    out.flush();
    return ExitCode.OK;
  }
}
