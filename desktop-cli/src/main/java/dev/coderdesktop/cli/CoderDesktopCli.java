// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.Credentials;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.Agent;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coder-desktop}: sign in, bring CoderVPN up and down, and list workspaces and hosts. */
@Command(
    name = "coder-desktop",
    mixinStandardHelpOptions = true,
    version = "coder-desktop 0.1.0",
    description = "Reach your Coder workspaces by their .coder names.",
    subcommands = {
      CoderDesktopCli.Login.class,
      CoderDesktopCli.Up.class,
      CoderDesktopCli.Down.class,
      CoderDesktopCli.StatusCmd.class,
      CoderDesktopCli.Hosts.class,
      CoderDesktopCli.Ping.class,
      CoderDesktopCli.Wake.class
    })
public final class CoderDesktopCli {

  @Option(
      names = "--socket",
      defaultValue = "/run/coder-desktop/vpn.sock",
      scope = CommandLine.ScopeType.INHERIT,
      description = "The service's socket (default: ${DEFAULT-VALUE}).")
  Path socket;

  /**
   * Entry point; exit codes: 0 ok, 1 failed (including {@code status} while the service is stopped
   * with an error, such as a refused sign-in), 2 usage, 3 service unavailable.
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new CoderDesktopCli()).execute(args));
  }

  static PrintWriter out() {
    return new PrintWriter(System.out, true, StandardCharsets.UTF_8);
  }

  /** Checks the deployment and token, then stores them for this user. */
  @Command(
      name = "login",
      mixinStandardHelpOptions = true,
      description = "Sign in: checks the deployment and the token, then stores them.")
  static final class Login implements Callable<Integer> {
    @Option(
        names = "--url",
        required = true,
        description = "The deployment, e.g. https://coder.example.com.")
    String url;

    @Option(
        names = "--token-file",
        description = "Read the session token from this file instead of standard input.")
    Path tokenFile;

    @Override
    public Integer call() throws IOException {
      PrintWriter out = out();
      String token;
      if (tokenFile != null) {
        token = Files.readString(tokenFile).strip();
      } else {
        DeploymentUrl u;
        try {
          u = DeploymentUrl.parse(url);
        } catch (DeploymentUrl.InvalidException e) {
          out.println(e.getMessage());
          return 2;
        }
        out.println("Paste a session token from " + u.resolve("/cli-auth") + " and press Enter:");
        token =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        token = token == null ? "" : token.strip();
      }
      try {
        CoderClient api =
            new CoderClient(DeploymentUrl.parse(url), SessionToken.of(token), Map.of());
        String version = api.checkVersion().toString();
        String user = api.me().username();
        new Credentials(api.url().toString(), token).save(Credentials.file());
        out.println("Signed in to " + api.url() + " (Coder " + version + ") as " + user + ".");
        return 0;
      } catch (CoderException | DeploymentUrl.InvalidException | IllegalArgumentException e) {
        out.println("Sign-in failed: " + e.getMessage());
        return 1;
      }
    }
  }

  /** Starts CoderVPN with the stored sign-in. */
  @Command(name = "up", mixinStandardHelpOptions = true, description = "Turn CoderVPN on.")
  static final class Up implements Callable<Integer> {
    @CommandLine.ParentCommand CoderDesktopCli parent;

    @Option(names = "--header", description = "An extra HTTP header, Name=Value (repeatable).")
    Map<String, String> headers = new HashMap<>();

    @Override
    public Integer call() throws IOException {
      Credentials c = Credentials.load(Credentials.file());
      return withService(
          parent.socket,
          client -> {
            StartResponse r = client.start(c.url(), c.token(), headers);
            if (!r.getSuccess()) {
              out().println("CoderVPN did not start: " + r.getErrorMessage());
              return 1;
            }
            Status st = client.status();
            if (stoppedWithError(st)) {
              // The session started and ended at once (the deployment refused the token).
              out().println("CoderVPN stopped: " + st.getErrorMessage());
              return 1;
            }
            out().println("CoderVPN is on.");
            if (!st.getDns().getMode().isEmpty()) {
              out().println("DNS: " + st.getDns().getDetail() + " (" + st.getDns().getMode() + ")");
            }
            if (!st.getErrorMessage().isEmpty()) {
              out().println("Note: " + st.getErrorMessage());
            }
            return 0;
          });
    }
  }

  /** Stops CoderVPN. */
  @Command(name = "down", mixinStandardHelpOptions = true, description = "Turn CoderVPN off.")
  static final class Down implements Callable<Integer> {
    @CommandLine.ParentCommand CoderDesktopCli parent;

    @Override
    public Integer call() throws IOException {
      return withService(
          parent.socket,
          client -> {
            var r = client.stop();
            out()
                .println(
                    r.getSuccess()
                        ? "CoderVPN is off."
                        : "CoderVPN did not stop: " + r.getErrorMessage());
            return r.getSuccess() ? 0 : 1;
          });
    }
  }

  /** Shows the state and a table of agents. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Show CoderVPN's state and your workspaces: each agent's handshake, the round trip of"
              + " its last ping (every 5 s) and whether it went peer-to-peer or through a DERP"
              + " relay.")
  static final class StatusCmd implements Callable<Integer> {
    @CommandLine.ParentCommand CoderDesktopCli parent;

    @Option(
        names = "--watch",
        description = "Keep running and print the status again on every change the service sends.")
    boolean watch;

    @Override
    public Integer call() throws IOException {
      if (watch) {
        return watch();
      }
      return withService(
          parent.socket,
          client -> {
            Status st = client.status();
            print(st);
            return stoppedWithError(st) ? 1 : 0;
          });
    }

    /** Prints every status broadcast until the service goes away. */
    private int watch() throws IOException {
      java.util.concurrent.CountDownLatch gone = new java.util.concurrent.CountDownLatch(1);
      try (ServiceClient client =
          ServiceClient.connect(
              parent.socket,
              s -> {
                out().println("--");
                print(s);
              },
              e -> gone.countDown())) {
        print(client.status());
        gone.await();
        return 0;
      } catch (ServiceClient.UnavailableException e) {
        out().println(e.getMessage());
        return 3;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return 1;
      }
    }

    private static synchronized void print(Status s) {
      PrintWriter out = out();
      out.println(
          "CoderVPN: "
              + s.getLifecycle().name().toLowerCase(java.util.Locale.ROOT)
              + (s.getErrorMessage().isEmpty() ? "" : " (" + s.getErrorMessage() + ")"));
      if (!s.getDns().getMode().isEmpty()) {
        out.println("DNS: " + s.getDns().getMode() + " - " + s.getDns().getDetail());
      }
      Map<UUID, Workspace> ws = new HashMap<>();
      for (Workspace w : s.getPeerUpdate().getUpsertedWorkspacesList()) {
        ws.put(uuid(w.getId()), w);
      }
      if (s.getPeerUpdate().getUpsertedAgentsCount() > 0) {
        out.printf(
            java.util.Locale.ROOT,
            "%-24s %-12s %-10s %-40s %-9s %-9s %s%n",
            "WORKSPACE",
            "AGENT",
            "STATUS",
            "HOSTNAME",
            "HANDSHAKE",
            "LATENCY",
            "PATH");
      }
      for (Agent a : s.getPeerUpdate().getUpsertedAgentsList()) {
        Workspace w = ws.get(uuid(a.getWorkspaceId()));
        out.printf(
            java.util.Locale.ROOT,
            "%-24s %-12s %-10s %-40s %-9s %-9s %s%n",
            w == null ? "?" : w.getName(),
            a.getName(),
            w == null ? "?" : w.getStatus().name().toLowerCase(java.util.Locale.ROOT),
            host(a.getFqdnList()),
            a.hasLastHandshake() && a.getLastHandshake().getSeconds() > 0 ? "yes" : "no",
            latency(a),
            path(a));
      }
      out.flush();
    }
  }

  /** The last ping's round trip in milliseconds, or "-" when the agent has not answered one. */
  static String latency(Agent a) {
    if (!a.hasLastPing()) {
      return "-";
    }
    com.google.protobuf.Duration d = a.getLastPing().getLatency();
    double ms = d.getSeconds() * 1000.0 + d.getNanos() / 1e6;
    return String.format(java.util.Locale.ROOT, "%.1fms", ms);
  }

  /** "p2p", or "DERP (<region>)" for a relayed path, or "-" when unknown. */
  static String path(Agent a) {
    if (!a.hasLastPing()) {
      return "-";
    }
    return a.getLastPing().getDidP2P()
        ? "p2p"
        : "DERP (" + a.getLastPing().getPreferredDerp() + ")";
  }

  /** Prints one hostname per agent, for scripts. */
  @Command(
      name = "hosts",
      mixinStandardHelpOptions = true,
      description = "Print the .coder hostname of every agent, one per line.")
  static final class Hosts implements Callable<Integer> {
    @CommandLine.ParentCommand CoderDesktopCli parent;

    @Override
    public Integer call() throws IOException {
      return withService(
          parent.socket,
          client -> {
            for (Agent a : client.status().getPeerUpdate().getUpsertedAgentsList()) {
              out().println(host(a.getFqdnList()));
            }
            return 0;
          });
    }
  }

  /** Pings an agent by name through the tunnel with the system's ping. */
  @Command(
      name = "ping",
      mixinStandardHelpOptions = true,
      description = "Ping a workspace agent by its .coder name (uses ping -6).")
  static final class Ping implements Callable<Integer> {
    @CommandLine.ParentCommand CoderDesktopCli parent;

    @CommandLine.Parameters(index = "0", description = "An agent's name, e.g. dev.coder.")
    String host;

    @Option(
        names = "-c",
        defaultValue = "3",
        description = "How many pings (default: ${DEFAULT-VALUE}).")
    int count;

    @Override
    public Integer call() throws IOException {
      return withService(
          parent.socket,
          client -> {
            String want = host.endsWith(".") ? host : host + ".";
            boolean known =
                client.status().getPeerUpdate().getUpsertedAgentsList().stream()
                    .anyMatch(
                        a -> a.getFqdnList().contains(want.toLowerCase(java.util.Locale.ROOT)));
            if (!known) {
              out().println(host + " is not one of your agents (see coder-desktop hosts).");
              return 1;
            }
            Process p =
                new ProcessBuilder("ping", "-6", "-c", Integer.toString(count), host)
                    .inheritIO()
                    .start();
            try {
              return p.waitFor() == 0 ? 0 : 1;
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
              return 1;
            }
          });
    }
  }

  /** Asks the service to re-bind now, as the tray app does when the machine resumes. */
  @Command(
      name = "wake",
      mixinStandardHelpOptions = true,
      description =
          "Tell the service the network may have changed (after a resume): it redials the relay"
              + " and the control plane at once.")
  static final class Wake implements Callable<Integer> {
    @CommandLine.ParentCommand CoderDesktopCli parent;

    @Override
    public Integer call() throws IOException {
      return withService(
          parent.socket,
          client -> {
            if (client.wake().getSuccess()) {
              out().println("CoderVPN is re-binding.");
              return 0;
            }
            out().println("CoderVPN is not on.");
            return 1;
          });
    }
  }

  /**
   * Whether the service stopped because of an error (a failed or refused start, a revoked token):
   * {@code status} and {@code up} then exit 1 with the service's message.
   */
  static boolean stoppedWithError(Status s) {
    return s.getLifecycle() == Status.Lifecycle.STOPPED && !s.getErrorMessage().isEmpty();
  }

  /** A command body that talks to the service. */
  @FunctionalInterface
  interface ServiceCall {
    /** Runs against a connected client and returns the exit code. */
    int run(ServiceClient client) throws IOException;
  }

  /** Connects, runs {@code call}, and maps an unreachable service to exit code 3. */
  static int withService(Path socket, ServiceCall call) throws IOException {
    try (ServiceClient client = ServiceClient.connect(socket, s -> {})) {
      return call.run(client);
    } catch (ServiceClient.UnavailableException e) {
      out().println(e.getMessage());
      return 3;
    }
  }

  /** The shortest name, without the trailing dot (the one users copy). */
  static String host(List<String> fqdns) {
    if (fqdns.isEmpty()) {
      return "";
    }
    String f = fqdns.get(0);
    return f.endsWith(".") ? f.substring(0, f.length() - 1) : f;
  }

  private static UUID uuid(com.google.protobuf.ByteString b) {
    if (b.size() != 16) {
      return new UUID(0, 0);
    }
    ByteBuffer buf = b.asReadOnlyByteBuffer();
    return new UUID(buf.getLong(), buf.getLong());
  }
}
