// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.vpn.service.dns.SystemResolver;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Coder Connect in the foreground, as root, until terminated: a {@link TunnelSession} that prints
 * one line per agent whenever the set changes. It does not change the system resolver: point the
 * suffix's queries at {@code fd60:627a:a42b::53}.
 *
 * <pre>
 * ForegroundConnect --url URL --token-file FILE [--interface coder0] [--header Name=Value]...
 * </pre>
 *
 * Exit codes: 2 bad arguments, 3 sign-in refused (bad token, old server), 4 unreachable, 1 other.
 */
@Command(
    name = "ForegroundConnect",
    mixinStandardHelpOptions = true,
    description = "Coder Connect in the foreground, as root, until terminated.")
public final class ForegroundConnect implements Callable<Integer> {

  @Option(names = "--url", required = true, paramLabel = "URL", description = "The deployment.")
  String url;

  @Option(
      names = "--token-file",
      required = true,
      paramLabel = "FILE",
      description = "A file holding the session token.")
  Path tokenFile;

  @Option(names = "--interface", paramLabel = "NAME", description = "Default: ${DEFAULT-VALUE}.")
  String iface = "coder0";

  @Option(
      names = "--header",
      paramLabel = "Name=Value",
      description = "An extra HTTP header for the deployment (repeatable).")
  List<String> headerArgs = new ArrayList<>();

  private ForegroundConnect() {}

  /** Entry point. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new ForegroundConnect()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String h : headerArgs) {
      String[] kv = h.split("=", 2);
      headers.put(kv[0], kv.length > 1 ? kv[1] : "");
    }
    Printer printer = new Printer(out);
    TunnelSession session;
    try {
      session =
          TunnelSession.open(
              // A development tool run by root with the URL on its command line: the operator's
              // own URL, as typed, is the consent to plain HTTP the socket's clients must give.
              new Session.StartParams(url, readToken(tokenFile), headers, false, true),
              iface,
              new LinuxPlatform(
                  Connectivity.defaults(),
                  SystemResolver.system(Path.of("/var/lib/coder-desktop"))),
              printer::onAgents);
    } catch (SignInException e) {
      System.err.println(
          (e.kind() == SignInException.Kind.REFUSED ? "sign-in refused: " : "") + e.getMessage());
      return switch (e.kind()) {
        case REFUSED -> 3;
        case UNREACHABLE -> 4;
        case SYSTEM -> 1;
        case SIGNED_OUT -> 3;
      };
    }
    out.println("server " + session.serverVersion());
    out.println("user " + session.username());
    out.println(
        "ready "
            + session.interfaceName()
            + " "
            + session.address().getHostAddress()
            + " dns fd60:627a:a42b::53");
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  session.close();
                  done.countDown();
                },
                "connect-shutdown"));
    done.await();
    return 0;
  }

  private static String readToken(Path file) throws IOException {
    return Files.readString(file);
  }

  /** Prints the agent list as lines a script can read. */
  private static final class Printer {
    private final PrintStream out;
    private String last = "";

    Printer(PrintStream out) {
      this.out = out;
    }

    synchronized void onAgents(List<AgentView> agents) {
      StringBuilder b = new StringBuilder();
      for (AgentView a : agents) {
        b.append("agent ")
            .append(a.hostnames().get(0))
            .append(' ')
            .append(a.address().getHostAddress())
            .append(' ')
            .append(a.workspaceStatus())
            .append(a.lastHandshakeNanos() >= 0 ? " handshake" : " no-handshake")
            .append('\n');
      }
      b.append("agents ").append(agents.size());
      String text = b.toString();
      if (!text.equals(last)) {
        last = text;
        out.println(text);
      }
    }
  }
}
