// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import dev.coderdesktop.tunnel.path.Endpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Points the system resolver at the shim for the suffix, whichever of the common Linux setups this
 * machine has ({@link ResolverDetector}), and undoes it. Before touching the system it records the
 * mode and link in a state file, so that after a crash the next start ({@link #repair}) undoes what
 * the dead process left; a clean {@link #revert} deletes the record.
 *
 * <p>Thread-safe: every method holds this object's lock.
 */
public final class SystemResolver {

  private static final Logger LOG = Logger.getLogger(SystemResolver.class.getName());

  /**
   * What was configured.
   *
   * @param mode the setup in use
   * @param upstreams where the shim forwards other names (empty: only the suffix reaches it)
   * @param detail one line for the user
   */
  public record Applied(ResolverMode mode, List<InetSocketAddress> upstreams, String detail) {
    /** Copies. */
    public Applied {
      upstreams = List.copyOf(upstreams);
    }
  }

  /** No setup could be used; the message says exactly what the user can do instead. */
  public static final class UnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    UnavailableException(String message) {
      super(message);
    }
  }

  private final ResolverDetector detector;
  private final Function<ResolverMode, ResolverSetup> setups;
  private final Path stateFile;

  // Guarded by this.
  private ResolverMode currentMode;
  private ResolverSetup current;
  private String currentLink;

  SystemResolver(
      ResolverDetector detector, Function<ResolverMode, ResolverSetup> setups, Path stateFile) {
    this.detector = detector;
    this.setups = setups;
    this.stateFile = stateFile;
  }

  /**
   * The real system, keeping its state (the record, resolv.conf's copy) under {@code stateDir} in a
   * directory per network namespace: a service in another namespace (its own resolv.conf) must not
   * repair ours. The initial namespace's identity is a kernel constant, so a reboot keeps it.
   */
  public static SystemResolver system(Path stateDir) {
    String ns;
    try {
      ns = Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString().replaceAll("\\D", "");
    } catch (IOException | UnsupportedOperationException e) {
      ns = "unknown";
    }
    Path resolvConf = Path.of("/etc/resolv.conf");
    return forPaths(
        CommandRunner.system(),
        Path.of("/"),
        stateDir.resolve("net-" + ns),
        () -> NamespaceCheck.sharedWithOtherNamespaces(resolvConf));
  }

  /** The system under {@code root} (tests use a temporary directory). */
  static SystemResolver forPaths(
      CommandRunner runner, Path root, Path stateDir, BooleanSupplier sharedResolvConf) {
    Path resolvConf = root.resolve("etc/resolv.conf");
    Path nm = root.resolve("etc/NetworkManager");
    ResolverDetector detector =
        new ResolverDetector(
            runner, resolvConf, root.resolve("run/systemd/resolve"), sharedResolvConf);
    Function<ResolverMode, ResolverSetup> setups =
        mode ->
            switch (mode) {
              case SYSTEMD_RESOLVED -> new ResolvedSetup(runner);
              case NETWORK_MANAGER_DNSMASQ ->
                  new NetworkManagerSetup(runner, resolvConf, nm.resolve("dnsmasq.d"), true);
              case NETWORK_MANAGER ->
                  new NetworkManagerSetup(runner, resolvConf, nm.resolve("conf.d"), false);
              case RESOLVCONF -> new ResolvconfSetup(runner, resolvConf, false);
              case OPENRESOLV -> new ResolvconfSetup(runner, resolvConf, true);
              case DIRECT -> new DirectSetup(resolvConf, stateDir.resolve("resolv.conf.original"));
            };
    return new SystemResolver(detector, setups, stateDir.resolve("resolver-setup"));
  }

  /** Routes {@code suffix} lookups to {@code shim} on {@code link}. */
  public synchronized Applied configure(String link, InetAddress shim, String suffix)
      throws UnavailableException {
    if (current != null) {
      throw new IllegalStateException("already configured; revert first");
    }
    repair();
    ResolverMode mode =
        switch (detector.detect()) {
          case ResolverDetector.Usable u -> u.mode();
          case ResolverDetector.Unusable u -> throw unavailable(u.why(), shim, suffix);
        };
    ResolverSetup setup = setups.apply(mode);
    List<InetSocketAddress> upstreams;
    try {
      ResolvConfFile.writeDurably(
          stateFile, (mode.id() + "\n" + link + "\n").getBytes(StandardCharsets.UTF_8));
      upstreams = setup.apply(link, shim, suffix);
    } catch (IOException e) {
      undo(mode, setup, link);
      throw unavailable(mode.id() + ": " + e.getMessage(), shim, suffix);
    }
    currentMode = mode;
    current = setup;
    currentLink = link;
    LOG.info("resolver: " + mode.id() + ", forwarding to " + upstreams);
    return new Applied(mode, upstreams, describe(mode, upstreams, suffix));
  }

  /** Undoes {@link #configure}; a no-op when nothing is configured. */
  public synchronized void revert() {
    if (current != null) {
      undo(currentMode, current, currentLink);
      currentMode = null;
      current = null;
      currentLink = null;
    }
  }

  /**
   * Undoes what a process that died without {@link #revert} left behind, as recorded in the state
   * file; returns the mode it undid.
   */
  public synchronized Optional<ResolverMode> repair() {
    if (current != null || !Files.exists(stateFile)) {
      return Optional.empty();
    }
    List<String> lines;
    try {
      lines = Files.readAllLines(stateFile, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warning("cannot read " + stateFile + ": " + e.getMessage());
      return Optional.empty();
    }
    Optional<ResolverMode> mode =
        lines.isEmpty() ? Optional.empty() : ResolverMode.byId(lines.get(0));
    if (mode.isEmpty() || lines.size() < 2) {
      LOG.warning("ignoring an unreadable " + stateFile);
      deleteState();
      return Optional.empty();
    }
    LOG.warning("undoing the " + mode.get().id() + " resolver setup of a run that did not stop");
    undo(mode.get(), setups.apply(mode.get()), lines.get(1));
    return mode;
  }

  private void undo(ResolverMode mode, ResolverSetup setup, String link) {
    try {
      setup.revert(link);
      deleteState();
    } catch (IOException e) {
      // The record stays, so the next start tries again.
      LOG.warning("could not undo the " + mode.id() + " resolver setup: " + e.getMessage());
    }
  }

  private void deleteState() {
    try {
      Files.deleteIfExists(stateFile);
    } catch (IOException e) {
      LOG.warning("cannot delete " + stateFile + ": " + e.getMessage());
    }
  }

  static String describe(ResolverMode mode, List<InetSocketAddress> upstreams, String suffix) {
    String others =
        upstreams.isEmpty()
            ? "no other servers were configured, so only ." + suffix + " names resolve"
            : "other names go to "
                + upstreams.stream()
                    .map(a -> Endpoints.address(a.getAddress()))
                    .collect(Collectors.joining(", "));
    return switch (mode) {
      case SYSTEMD_RESOLVED -> "systemd-resolved sends ." + suffix + " names to CoderVPN";
      case NETWORK_MANAGER_DNSMASQ ->
          "NetworkManager's dnsmasq sends ." + suffix + " names to CoderVPN";
      case NETWORK_MANAGER -> "NetworkManager names CoderVPN's resolver; " + others;
      case RESOLVCONF, OPENRESOLV -> mode.id() + " lists CoderVPN's resolver first; " + others;
      case DIRECT -> "/etc/resolv.conf names CoderVPN's resolver; " + others;
    };
  }

  static UnavailableException unavailable(String why, InetAddress shim, String suffix) {
    String addr = Endpoints.address(shim);
    return new UnavailableException(
        "cannot point the system resolver at CoderVPN ("
            + why
            + "). Names under ."
            + suffix
            + " need their queries sent to "
            + addr
            + ": run systemd-resolved (CoderVPN configures it by itself), or make /etc/resolv.conf"
            + " a plain file, or add 'server=/"
            + suffix
            + "/"
            + addr
            + "' to your dnsmasq. Until then the tunnel works but these names do not resolve.");
  }
}
