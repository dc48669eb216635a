// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service;

import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.vpn.proto.logging.OneLineFormatter;
import dev.coderdesktop.vpn.service.dns.SystemResolver;
import dev.coderdesktop.vpn.service.ipc.AccessPolicy;
import dev.coderdesktop.vpn.service.ipc.ClientLimits;
import dev.coderdesktop.vpn.service.ipc.LocalSocketServer;
import dev.coderdesktop.vpn.service.ipc.Restorer;
import dev.coderdesktop.vpn.service.ipc.VpnService;
import dev.coderdesktop.vpn.service.power.LogindSleepWatch;
import dev.coderdesktop.vpn.service.session.LinuxPlatform;
import dev.coderdesktop.vpn.service.session.SessionPlatform;
import dev.coderdesktop.vpn.service.session.SessionStore;
import dev.coderdesktop.vpn.service.session.StateFile;
import dev.coderdesktop.vpn.service.session.TunnelSession;
import dev.coderdesktop.vpn.service.session.Warmup;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;
import picocli.CommandLine;

/**
 * The privileged daemon: serves {@link VpnService} on a Unix socket until terminated, and tears any
 * session down on the way out.
 *
 * <p>Options: {@link ServiceOptions} ({@code --help} lists them).
 *
 * <p>With {@code --state-dir}, a Start that succeeds is recorded there (root only, mode 0600) until
 * a Stop, and the service turns the VPN back on when it starts and finds the record.
 */
public final class ServiceMain {

  private static final Logger LOG = Logger.getLogger(ServiceMain.class.getName());

  private ServiceMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    // One line per record, with journald's priority prefix under systemd.
    OneLineFormatter.useForRootHandlers(System.getenv());
    ServiceOptions o = new ServiceOptions();
    CommandLine cli = new CommandLine(o);
    try {
      cli.parseArgs(args);
    } catch (CommandLine.ParameterException e) {
      // One line, no stack trace: "Missing required parameter for option '--group' (NAME)".
      System.err.println(e.getMessage() + " (see --help)");
      System.exit(2);
      return;
    }
    if (cli.isUsageHelpRequested() || cli.isVersionHelpRequested()) {
      cli.usage(System.out);
      return;
    }
    Path socket = o.socket;
    String group = o.group;
    String iface = o.iface;
    Set<String> users = new HashSet<>(o.users);
    Set<String> groups = new HashSet<>(o.groups);
    Path stateDir = o.stateDir;
    int maxClients = o.maxClients;
    if (group != null) {
      groups.add(group);
    }
    SystemClock clock = new SystemClock("service");
    String ifname = iface;
    boolean derpOnly = o.noDirect; // the operator's choice holds for every session
    SessionStore store = stateDir == null ? SessionStore.NONE : new StateFile(stateDir);
    // Company networks: a CA file and a proxy from the unit's environment (docs/operator.md); the
    // system certificate store and HTTPS_PROXY/NO_PROXY are honoured without them.
    String caFile = System.getenv("CODER_DESKTOP_CA_FILE");
    Connectivity net =
        Connectivity.of(
            caFile == null || caFile.isBlank() ? null : Path.of(caFile),
            System.getenv("CODER_DESKTOP_PROXY"));
    // The resolver's crash-repair record lives in the state directory (default
    // /var/lib/coder-desktop, the unit's StateDirectory); a killed run's setup is undone first.
    SystemResolver resolver =
        SystemResolver.system(stateDir == null ? Path.of("/var/lib/coder-desktop") : stateDir);
    resolver
        .repair()
        .ifPresent(m -> LOG.warning("repaired the " + m.id() + " resolver setup of a killed run"));
    SessionPlatform platform = new LinuxPlatform(net, resolver);
    ClientLimits limits =
        new ClientLimits(
            maxClients,
            ClientLimits.DEFAULT.handshakeTimeout(),
            ClientLimits.DEFAULT.outboxDepth(),
            ClientLimits.DEFAULT.stallTimeout());
    VpnService service =
        new VpnService(
            (params, listener) ->
                TunnelSession.open(
                    derpOnly ? params.withNoDirect() : params, ifname, platform, listener),
            clock,
            store,
            limits);
    LocalSocketServer server =
        new LocalSocketServer(
            socket, "rw-rw----", group, new AccessPolicy(users, groups), service, maxClients);
    LOG.info("listening on " + socket);
    System.out.println("listening " + socket);
    // Off the start-up path: the socket already answers, and a Start that comes first only shares
    // the class initialisation with it.
    Thread.ofVirtual().name("warmup").start(() -> Warmup.run(net, clock));
    new Restorer(service, store, clock).begin();
    // A resume re-binds the session, as a client's Wake does.
    LogindSleepWatch sleep =
        LogindSleepWatch.system(clock, () -> service.resumed("logind reported a resume"));
    sleep.start();
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sleep.close();
                  service.shutdown();
                  try {
                    server.close();
                  } catch (java.io.IOException e) {
                    LOG.fine("socket close failed: " + e.getMessage());
                  }
                  clock.shutdown();
                  done.countDown();
                },
                "service-shutdown"));
    done.await();
  }
}
