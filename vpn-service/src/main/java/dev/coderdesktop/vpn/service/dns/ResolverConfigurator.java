// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Split DNS for the suffix: with systemd-resolved, the TUN link gets our resolver and a
 * routing-only domain {@code ~<suffix>}, so only the suffix's names go to the shim; {@link #revert}
 * removes them. Without systemd-resolved, {@link #apply} fails with a message saying exactly what
 * the user must configure. Commands run through an injected runner so the logic is testable.
 */
public final class ResolverConfigurator {

  /** Runs a command and returns its exit status (output merged into the message on failure). */
  @FunctionalInterface
  public interface CommandRunner {
    /** Runs {@code cmd}; throws with its output when it exits non-zero. */
    void run(List<String> cmd) throws IOException;
  }

  /** Split DNS could not be configured; the message tells the user what to set instead. */
  public static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }

  private static final Path RESOLVED_STUB = Path.of("/run/systemd/resolve/stub-resolv.conf");

  private final CommandRunner runner;
  private final Path resolvedMarker;

  /** A configurator using {@code runner}; {@code resolvedMarker} shows resolved is running. */
  public ResolverConfigurator(CommandRunner runner, Path resolvedMarker) {
    this.runner = runner;
    this.resolvedMarker = resolvedMarker;
  }

  /** The real system: resolvectl, and resolved's stub file as the sign it runs. */
  public static ResolverConfigurator system() {
    return new ResolverConfigurator(ResolverConfigurator::exec, RESOLVED_STUB);
  }

  /** Routes {@code suffix} lookups to {@code dnsServer} on {@code link}. */
  public void apply(String link, String dnsServer, String suffix) throws UnavailableException {
    if (!Files.exists(resolvedMarker)) {
      throw new UnavailableException(
          manualHint(dnsServer, suffix, "systemd-resolved is not running"));
    }
    try {
      runner.run(List.of("resolvectl", "dns", link, dnsServer));
      runner.run(List.of("resolvectl", "domain", link, "~" + suffix));
      runner.run(List.of("resolvectl", "default-route", link, "false"));
    } catch (IOException e) {
      throw new UnavailableException(manualHint(dnsServer, suffix, e.getMessage()));
    }
  }

  /**
   * Removes what {@link #apply} set on {@code link} (also done by the kernel when it goes away).
   */
  public void revert(String link) {
    if (!Files.exists(resolvedMarker)) {
      return;
    }
    try {
      runner.run(List.of("resolvectl", "revert", link));
    } catch (IOException e) {
      // The link is usually gone already, which reverts it too.
    }
  }

  static String manualHint(String dnsServer, String suffix, String why) {
    return "cannot configure DNS for ."
        + suffix
        + " automatically ("
        + why
        + "): send queries for "
        + suffix
        + " to "
        + dnsServer
        + " in your resolver, e.g. a dnsmasq line 'server=/"
        + suffix
        + "/"
        + dnsServer
        + "'";
  }

  private static void exec(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted");
    }
  }
}
