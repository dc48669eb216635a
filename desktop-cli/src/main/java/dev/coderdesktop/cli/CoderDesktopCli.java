// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import dev.coderdesktop.cli.deployments.DeploymentsCommand;
import dev.coderdesktop.cli.deployments.SharedCommand;
import dev.coderdesktop.cli.deployments.UseCommand;
import dev.coderdesktop.cli.diagnose.BugreportCommand;
import dev.coderdesktop.cli.diagnose.NetcheckCommand;
import dev.coderdesktop.cli.diagnose.PingCommand;
import dev.coderdesktop.cli.docs.CompletionCommand;
import dev.coderdesktop.cli.docs.ManPageCommand;
import dev.coderdesktop.cli.signin.LoginCommand;
import dev.coderdesktop.cli.signin.LogoutCommand;
import dev.coderdesktop.cli.status.HostsCommand;
import dev.coderdesktop.cli.status.StatusCommand;
import dev.coderdesktop.cli.vpn.DownCommand;
import dev.coderdesktop.cli.vpn.UpCommand;
import dev.coderdesktop.cli.vpn.WakeCommand;
import dev.coderdesktop.cli.workspace.AppsCommand;
import dev.coderdesktop.cli.workspace.PortsCommand;
import dev.coderdesktop.cli.workspace.StartCommand;
import dev.coderdesktop.cli.workspace.StopCommand;
import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.SignInFiles;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.coder.sdk.signin.TokenStores;
import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.Status;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The root of {@code coder-desktop}: the shared {@code --socket} option, the exit codes, and the
 * one place errors are printed (one line on stderr, no stack trace). Each subcommand is its own
 * class, a {@link Subcommand}, and reaches the terminal, the service and the sign-in through this
 * object.
 */
@Command(
    name = "coder-desktop",
    mixinStandardHelpOptions = true,
    version = "coder-desktop 0.1.0",
    description = "Reach your Coder workspaces by their .coder names.",
    footerHeading = "%nExit status:%n",
    footer = {
      "  0  ok",
      "  1  the service or the deployment refused or failed the request (also: status while the"
          + " service is stopped with an error, such as a refused sign-in)",
      "  2  usage error (bad option, argument or file)",
      "  3  the service is not running or refused the connection",
      "  4  not signed in (run coder-desktop login)",
      "  5  netcheck: a step of the path failed"
    })
public final class CoderDesktopCli {

  /**
   * Every subcommand by its name, in the order help lists them. Picocli reads a command's options
   * by reflection when the command joins the tree, which for all of them is most of a short
   * command's run time; so a command line that names one gets only that one (see {@link #run}).
   * {@code CoderDesktopCliTest} checks each name against the command's own {@code @Command}.
   */
  static final Map<String, Supplier<Object>> SUBCOMMANDS = subcommands();

  private static Map<String, Supplier<Object>> subcommands() {
    Map<String, Supplier<Object>> m = new LinkedHashMap<>();
    m.put("login", LoginCommand::new);
    m.put("logout", LogoutCommand::new);
    m.put("deployments", DeploymentsCommand::new);
    m.put("use", UseCommand::new);
    m.put("up", UpCommand::new);
    m.put("down", DownCommand::new);
    m.put("status", StatusCommand::new);
    m.put("hosts", HostsCommand::new);
    m.put("shared", SharedCommand::new);
    m.put("ping", PingCommand::new);
    m.put("wake", WakeCommand::new);
    m.put("start", StartCommand::new);
    m.put("stop", StopCommand::new);
    m.put("ports", PortsCommand::new);
    m.put("apps", AppsCommand::new);
    m.put("netcheck", NetcheckCommand::new);
    m.put("bugreport", BugreportCommand::new);
    m.put("completion", CompletionCommand::new);
    m.put("man", ManPageCommand::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * The service's socket unless {@code --socket} or {@code CODER_DESKTOP_SOCKET} says otherwise.
   */
  public static final String DEFAULT_SOCKET = "/run/coder-desktop/vpn.sock";

  private final Terminal terminal;

  @Option(
      names = "--socket",
      scope = CommandLine.ScopeType.INHERIT,
      paramLabel = "PATH",
      description =
          "The service's socket (default: $CODER_DESKTOP_SOCKET, else " + DEFAULT_SOCKET + ").")
  Path socket;

  /** A root command over {@code terminal}. */
  public CoderDesktopCli(Terminal terminal) {
    this.terminal = terminal;
  }

  /** Entry point; see {@link ExitCode}. */
  public static void main(String[] args) {
    CliLogging.configure();
    System.exit(run(Terminal.system(), args));
  }

  /** Runs one command line and returns its exit code. */
  public static int run(Terminal t, String... args) {
    Optional<PlainCommand> plain = PlainCommand.of(args);
    if (plain.isPresent()) {
      try {
        return plain.get().under(new CoderDesktopCli(t)).call();
      } catch (UserError | IOException | RuntimeException e) {
        return failed(t, e);
      }
    }
    String named = subcommandNamed(args);
    return commandLine(t, named == null ? SUBCOMMANDS.keySet() : Set.of(named)).execute(args);
  }

  /**
   * The subcommand a command line names: its first word that is not a root option (nor {@code
   * --socket}'s value); null when there is none or it names no command, so that help and picocli's
   * "did you mean" see the whole tree.
   */
  static String subcommandNamed(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--socket")) {
        i++;
      } else if (List.of("-h", "--help", "-V", "--version").contains(a)) {
        return null; // the root's help lists every command
      } else if (!a.startsWith("-")) {
        return SUBCOMMANDS.containsKey(a) ? a : null;
      }
    }
    return null;
  }

  /** The whole command tree with our error handling, for the docs generators. */
  public static CommandLine commandLine(Terminal t) {
    return commandLine(t, SUBCOMMANDS.keySet());
  }

  private static CommandLine commandLine(Terminal t, Set<String> subcommands) {
    CommandLine cl = new CommandLine(new CoderDesktopCli(t));
    for (String name : subcommands) {
      cl.addSubcommand(name, SUBCOMMANDS.get(name).get());
    }
    cl.setOut(t.out());
    cl.setErr(t.err());
    cl.setParameterExceptionHandler(
        (e, args) -> {
          String cmd = e.getCommandLine().getCommandSpec().qualifiedName();
          t.err().println("coder-desktop: " + e.getMessage() + " (see: " + cmd + " --help)");
          return ExitCode.USAGE;
        });
    cl.setExecutionExceptionHandler((e, line, parsed) -> failed(t, e));
    return cl;
  }

  /** Prints why a command failed, one line on stderr, and returns its exit code. */
  private static int failed(Terminal t, Exception e) {
    int code;
    String message;
    if (e instanceof UserError u) {
      code = u.exitCode();
      message = u.getMessage();
    } else if (e instanceof ServiceClient.UnavailableException) {
      code = ExitCode.SERVICE_UNAVAILABLE;
      message = e.getMessage();
    } else if (e instanceof IOException) {
      code = ExitCode.FAILED;
      message = e.getMessage();
    } else {
      code = ExitCode.FAILED;
      message = "internal error: " + e;
    }
    t.err().println("coder-desktop: " + message);
    if (t.env().containsKey("CODER_DESKTOP_DEBUG")) {
      e.printStackTrace(t.err());
    }
    t.err().flush();
    return code;
  }

  /** The terminal. */
  public Terminal terminal() {
    return terminal;
  }

  /** The wall clock, for judging handshake ages. */
  public Clock clock() {
    return Clock.systemUTC();
  }

  /** The socket to use. */
  public Path socket() {
    if (socket != null) {
      return socket;
    }
    String env = terminal.env().get("CODER_DESKTOP_SOCKET");
    return Path.of(env == null || env.isBlank() ? DEFAULT_SOCKET : env);
  }

  /** Connects to the service; an unreachable service is exit code 3 with the reason. */
  public ServiceClient connect() throws UserError {
    return connect(s -> {}, e -> {});
  }

  /** Connects, with listeners for pushed updates and for the end of the connection. */
  public ServiceClient connect(Consumer<Status> onStatus, Consumer<Throwable> onClosed)
      throws UserError {
    try {
      return ServiceClient.connect(socket(), onStatus, onClosed);
    } catch (ServiceClient.UnavailableException e) {
      throw new UserError(ExitCode.SERVICE_UNAVAILABLE, e.getMessage());
    } catch (IOException e) {
      throw new UserError(ExitCode.SERVICE_UNAVAILABLE, e.getMessage());
    }
  }

  /**
   * Whether the service stopped because of an error (a failed or refused start, a revoked token):
   * {@code status} and {@code up} then exit 1 with the service's message.
   */
  public static boolean stoppedWithError(Status s) {
    return s.getLifecycle() == Status.Lifecycle.STOPPED && !s.getErrorMessage().isEmpty();
  }

  /**
   * A REST client for a deployment, trusting the system's certificate store plus {@code caFile}
   * (else {@code CODER_DESKTOP_CA_FILE}) and using {@code CODER_DESKTOP_PROXY} as the sign-in does.
   */
  public CoderClient api(DeploymentUrl url, SessionToken token, Path caFile) throws IOException {
    String envCa = terminal.env().get("CODER_DESKTOP_CA_FILE");
    Path ca = caFile != null ? caFile : envCa == null || envCa.isBlank() ? null : Path.of(envCa);
    return new CoderClient(
        url, token, Map.of(), Connectivity.of(ca, terminal.env().get("CODER_DESKTOP_PROXY")));
  }

  /** The current deployment's sign-in; not signed in is exit code 4 with what to run. */
  public SignIn signIn() throws UserError, IOException {
    return tokens()
        .load()
        .orElseThrow(
            () ->
                new UserError(
                    ExitCode.NOT_SIGNED_IN,
                    "not signed in: run 'coder-desktop login --url URL' first"));
  }

  /** Where the sign-ins are stored: the keyring when there is one, else the 0600 file. */
  public TokenStore tokens() {
    return TokenStores.choose(terminal.env(), SignInFiles.of(terminal.env()));
  }
}
