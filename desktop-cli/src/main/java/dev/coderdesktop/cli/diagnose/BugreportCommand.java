// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.Subcommand;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.cli.status.StatusJson;
import dev.coderdesktop.cli.status.StatusReport;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.vpn.proto.ServiceClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bugreport}: one text file with the versions, the sign-in's deployment (never the token),
 * the service's status, the resolver configuration and the recent logs of the tray app and the
 * service, with secrets removed ({@link Redactor}). Read it before you attach it.
 */
@Command(
    name = "bugreport",
    mixinStandardHelpOptions = true,
    description = {
      "Write one file for a bug report: versions, the deployment URL, the service's status,"
          + " the resolver configuration, and the recent logs of the tray app"
          + " ($XDG_STATE_HOME/coder-desktop/tray.log) and the service (journalctl), with tokens,"
          + " keys and passwords removed. Prints the file's path."
    })
public final class BugreportCommand extends Subcommand {

  private static final int LOG_LINES = 300;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "PATH",
      description = "Where to write it (default: coder-desktop-bugreport-<time>.txt here).")
  Path output;

  @Override
  public Integer call() throws UserError, IOException {
    Optional<SignIn> signIn = Optional.empty();
    TokenStore store = root.tokens();
    try {
      signIn = store.load();
    } catch (IOException e) {
      // Reported below as "not signed in"; the report is still useful.
    }
    Redactor redact = new Redactor(signIn.map(s -> s.token().reveal()).orElse(null));
    StringBuilder b = new StringBuilder();
    section(b, "versions");
    b.append(root.getClass().getAnnotation(picocli.CommandLine.Command.class).version()[0])
        .append('\n');
    b.append("java ").append(System.getProperty("java.runtime.version")).append('\n');
    b.append("os ")
        .append(System.getProperty("os.name"))
        .append(' ')
        .append(System.getProperty("os.version"))
        .append(' ')
        .append(System.getProperty("os.arch"))
        .append('\n');
    b.append(firstLine(Path.of("/etc/os-release"), "PRETTY_NAME")).append('\n');
    section(b, "sign-in");
    b.append(
            signIn
                .map(s -> "signed in to " + s.url())
                .orElse("not signed in (or the stored sign-in could not be read)"))
        .append("; token store: ")
        .append(store.describe())
        .append('\n');
    section(b, "service status");
    try (ServiceClient client = root.connect()) {
      b.append(StatusJson.status(StatusReport.from(client.status(), root.clock().instant())));
      b.append('\n');
    } catch (UserError e) {
      b.append("unavailable: ").append(e.getMessage()).append('\n');
    }
    section(b, "/etc/resolv.conf");
    b.append(read(Path.of("/etc/resolv.conf"))).append('\n');
    section(b, "tray log (last " + LOG_LINES + " lines)");
    b.append(tail(trayLog())).append('\n');
    section(b, "service log (journalctl -u coder-desktop-vpn, last " + LOG_LINES + " lines)");
    b.append(
            Commands.output(
                List.of(
                    "journalctl",
                    "-u",
                    "coder-desktop-vpn",
                    "-n",
                    Integer.toString(LOG_LINES),
                    "--no-pager")))
        .append('\n');
    Path out =
        output != null
            ? output
            : Path.of(
                "coder-desktop-bugreport-"
                    + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", java.util.Locale.ROOT)
                        .withZone(ZoneOffset.UTC)
                        .format(root.clock().instant())
                    + ".txt");
    try {
      Files.deleteIfExists(out);
      Files.createFile(
          out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.writeString(out, redact.clean(b.toString()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UserError(ExitCode.USAGE, "cannot write " + out + ": " + e.getMessage());
    }
    root.terminal().out().println(out.toAbsolutePath());
    root.terminal()
        .err()
        .println("Read it before you attach it: secrets are removed, names are not.");
    return ExitCode.OK;
  }

  private Path trayLog() {
    String state = root.terminal().env().get("XDG_STATE_HOME");
    Path base =
        state != null && !state.isBlank()
            ? Path.of(state)
            : Path.of(
                root.terminal().env().getOrDefault("HOME", System.getProperty("user.home")),
                ".local",
                "state");
    return base.resolve("coder-desktop").resolve("tray.log");
  }

  private static void section(StringBuilder b, String title) {
    b.append("\n== ").append(title).append(" ==\n");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      return "(cannot read " + p + ": " + e.getMessage() + ")";
    }
  }

  private static String tail(Path p) {
    try {
      List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    } catch (IOException e) {
      return "(no log at " + p + ")";
    }
  }

  private static String firstLine(Path p, String key) {
    return read(p).lines().filter(l -> l.startsWith(key + "=")).findFirst().orElse(key + "=?");
  }
}
