// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.status;

import dev.coderdesktop.cli.CoderDesktopCli;
import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.Status;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code status}: CoderVPN's state and every agent, as a table or JSON, once or on every change.
 */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show CoderVPN's state and your workspaces' agents: each one's state, the round trip of its"
          + " last ping (every 5 s) and whether that went direct (peer to peer) or through a DERP"
          + " relay.",
      "--json prints one document (schema in docs/cli.md); with --watch, one per line per change.",
      "Exits 1 when the service is stopped with an error (such as a refused sign-in)."
    })
public final class StatusCommand extends Subcommand {

  @Option(
      names = "--watch",
      description = "Keep running and print the status again on every change the service sends.")
  boolean watch;

  @Option(names = "--json", description = "Print JSON instead of a table.")
  boolean json;

  /** The command under {@code root}, as picocli would set it up for {@code status [--json]}. */
  public static StatusCommand of(CoderDesktopCli root, boolean json) {
    StatusCommand c = new StatusCommand();
    c.root = root;
    c.json = json;
    return c;
  }

  @Override
  public Integer call() throws UserError, IOException {
    if (watch) {
      return watch();
    }
    try (ServiceClient client = root.connect()) {
      Status st = client.status();
      print(st);
      // Stopped by an error (a refused sign-in): the report is printed, and the exit says so.
      return CoderDesktopCli.stoppedWithError(st) ? ExitCode.FAILED : ExitCode.OK;
    }
  }

  private int watch() throws UserError, IOException {
    CountDownLatch gone = new CountDownLatch(1);
    try (ServiceClient client = root.connect(this::print, e -> gone.countDown())) {
      print(client.status());
      gone.await();
      throw new UserError(ExitCode.SERVICE_UNAVAILABLE, "the service went away");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ExitCode.FAILED;
    }
  }

  private synchronized void print(Status s) {
    StatusReport r = StatusReport.from(s, root.clock().instant());
    PrintWriter out = root.terminal().out();
    if (json) {
      String doc = StatusJson.status(r);
      out.println(watch ? doc.replaceAll("\\s*\\n\\s*", " ") : doc);
    } else {
      if (watch) {
        out.println("--");
      }
      StatusTable.print(r, out);
    }
    out.flush();
  }
}
