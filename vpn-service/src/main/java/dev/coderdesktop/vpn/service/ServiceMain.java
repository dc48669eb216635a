// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service;

import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.vpn.service.dns.SystemResolver;
import dev.coderdesktop.vpn.service.ipc.AccessPolicy;
import dev.coderdesktop.vpn.service.ipc.LocalSocketServer;
import dev.coderdesktop.vpn.service.ipc.VpnService;
import dev.coderdesktop.vpn.service.session.TunnelSession;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Logger;

/**
 * The privileged daemon: serves {@link VpnService} on a Unix socket until terminated, and tears any
 * session down on the way out.
 *
 * <pre>
 * ServiceMain [--socket /run/coder-desktop/vpn.sock] [--group NAME] [--allow-user NAME]...
 *             [--allow-group NAME]... [--interface coder0] [--state-dir /var/lib/coder-desktop]
 * </pre>
 */
public final class ServiceMain {

  private static final Logger LOG = Logger.getLogger(ServiceMain.class.getName());

  private ServiceMain() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    Path socket = Path.of("/run/coder-desktop/vpn.sock");
    String group = null;
    String iface = "coder0";
    Path stateDir = Path.of("/var/lib/coder-desktop");
    Set<String> users = new HashSet<>();
    Set<String> groups = new HashSet<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--socket" -> socket = Path.of(args[++i]);
          case "--group" -> group = args[++i];
          case "--allow-user" -> users.add(args[++i]);
          case "--allow-group" -> groups.add(args[++i]);
          case "--interface" -> iface = args[++i];
          case "--state-dir" -> stateDir = Path.of(args[++i]);
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
    } catch (RuntimeException e) {
      System.err.println(
          "usage: ServiceMain [--socket PATH] [--group NAME] [--allow-user NAME]..."
              + " [--allow-group NAME]... [--interface NAME] [--state-dir DIR]: "
              + e.getMessage());
      System.exit(2);
      return;
    }
    if (group != null) {
      groups.add(group);
    }
    SystemClock clock = new SystemClock("service");
    String ifname = iface;
    // A previous run that was killed may have left the system resolver pointing at it.
    SystemResolver resolver = SystemResolver.system(stateDir);
    resolver
        .repair()
        .ifPresent(m -> LOG.warning("repaired the " + m.id() + " resolver setup of a killed run"));
    VpnService service =
        new VpnService(
            (params, onAgents) ->
                TunnelSession.open(
                    params.url(), params.token(), params.headers(), ifname, resolver, onAgents),
            clock::nanoTime,
            clock::wallTime);
    LocalSocketServer server =
        new LocalSocketServer(socket, "rw-rw----", group, new AccessPolicy(users, groups), service);
    LOG.info("listening on " + socket);
    System.out.println("listening " + socket);
    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
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
