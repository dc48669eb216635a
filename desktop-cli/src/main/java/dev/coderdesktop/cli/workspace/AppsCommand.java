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
import dev.coderdesktop.coder.sdk.workspace.AppLink;
import dev.coderdesktop.coder.sdk.workspace.Apps;
import dev.coderdesktop.coder.sdk.workspace.Launch;
import dev.coderdesktop.coder.sdk.workspace.Workspaces;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code apps}: an agent's apps with the URLs the dashboard opens, and the built-ins. */
@Command(
    name = "apps",
    mixinStandardHelpOptions = true,
    description = {
      "List a workspace agent's apps with the URLs Coder's dashboard opens (web apps through the"
          + " deployment, external apps' own links), then VS Code Desktop and a terminal with ssh;"
          + " --open SLUG opens one."
    })
public final class AppsCommand extends Subcommand {

  @Mixin AgentArgument agent;

  @Mixin JsonOption json;

  @Option(
      names = "--open",
      paramLabel = "SLUG",
      description = "Open this app (xdg-open, or a terminal for -terminal).")
  String open;

  @Override
  public Integer call() throws UserError, IOException {
    AgentArgument.Found found = agent.find(root);
    Deployment d = found.deployment();
    Workspaces.Target t = found.target();
    List<AppLink> links;
    try {
      links = Apps.of(d.client()).of(t.workspace(), t.agent(), found.hostname());
    } catch (CoderException e) {
      throw Deployment.failed(e);
    }
    if (open != null) {
      AppLink link =
          links.stream()
              .filter(l -> l.slug().equals(open))
              .findFirst()
              .orElseThrow(
                  () ->
                      new UserError(
                          ExitCode.USAGE,
                          t.agent().name()
                              + " has no app "
                              + open
                              + " (see coder-desktop apps "
                              + agent.host
                              + ")"));
      Process p =
          new ProcessBuilder(Launch.command(link, d.signIn().token().reveal())).inheritIO().start();
      root.terminal().err().println("Opening " + link.label() + ".");
      root.terminal().err().flush();
      return p.isAlive() || p.exitValue() == 0 ? ExitCode.OK : ExitCode.FAILED;
    }
    PrintWriter out = root.terminal().out();
    if (json.given()) {
      ObjectNode o = JsonNodeFactory.instance.objectNode();
      o.put("workspace", t.workspace().name());
      o.put("agent", t.agent().name());
      ArrayNode a = o.putArray("apps");
      for (AppLink l : links) {
        a.addObject()
            .put("slug", l.slug())
            .put("name", l.label())
            .put("kind", l.kind().name().toLowerCase(Locale.ROOT))
            .put("target", l.target());
      }
      out.println(o.toPrettyString());
    } else {
      out.printf(Locale.ROOT, "%-14s %-9s %-24s %s%n", "SLUG", "KIND", "NAME", "OPENS");
      for (AppLink l : links) {
        out.printf(
            Locale.ROOT,
            "%-14s %-9s %-24s %s%n",
            l.slug(),
            l.kind().name().toLowerCase(Locale.ROOT),
            l.label(),
            l.kind() == AppLink.Kind.TERMINAL ? "ssh " + l.target() : l.target());
      }
    }
    out.flush();
    return ExitCode.OK;
  }
}
