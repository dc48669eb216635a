// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.workspace;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.JsonOption;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.workspace.ListeningPort;
import dev.coderdesktop.coder.sdk.workspace.Ports;
import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ports}: the TCP ports an agent listens on, each with its Coder Connect URL. */
@Command(
    name = "ports",
    mixinStandardHelpOptions = true,
    description = {
      "List the ports a workspace agent listens on (from the deployment, leaving out what Coder's"
          + " own list leaves out: the agent's ports, ssh, databases, mail, and ports an app"
          + " uses), each with its http://HOST:PORT/ URL."
    })
public final class PortsCommand extends Subcommand {

  @Mixin AgentArgument agent;

  @Mixin JsonOption json;

  @Override
  public Integer call() throws UserError, IOException {
    AgentArgument.Found found = agent.find(root);
    Workspaces.Target t = found.target();
    String hostname = found.hostname();
    List<ListeningPort> ports;
    try {
      ports = new Ports(found.deployment().client()).of(t.agent());
    } catch (CoderException e) {
      throw Deployment.failed(e);
    }
    PrintWriter out = root.terminal().out();
    if (json.given()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("host", hostname);
      o.put("workspace", t.workspace().name());
      o.put("agent", t.agent().name());
      ArrayNode a = o.putArray("ports");
      for (ListeningPort p : ports) {
        a.addObject()
            .put("port", p.port())
            .put("process_name", p.processName())
            .put("url", p.url(hostname));
      }
      out.println(o.toPrettyString());
    } else if (ports.isEmpty()) {
      root.terminal().err().println(hostname + " listens on no port worth listing.");
    } else {
      out.printf(Locale.ROOT, "%-6s %-20s %s%n", "PORT", "PROCESS", "URL");
      for (ListeningPort p : ports) {
        out.printf(
            Locale.ROOT,
            "%-6d %-20s %s%n",
            p.port(),
            p.processName().isEmpty() ? "-" : p.processName(),
            p.url(hostname));
      }
    }
    out.flush();
    root.terminal().err().flush();
    return ExitCode.OK;
  }
}
