// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.Values;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.CoderConnect;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.connect.DerpSettings;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.linux.LinuxTun;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The tunnel-core client on its own, with no service: signs in over REST, starts the engine on a
 * TUN device of its own and configures it, then prints one {@code agents ...} line per change of
 * the agent list ({@code name=address}, comma-separated). With {@code --first-ping}, it instead
 * pings the first agent that appears and prints {@code connect_ms=<n>}: the time from the start of
 * sign-in to the first echo reply, then exits. Runs inside a client namespace, as root.
 *
 * <p>Usage: {@code ClientProbe <url> <token-file> <interface> [--first-ping]}; stops when stdin
 * closes.
 */
public final class ClientProbe {

  private ClientProbe() {}

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    String url = args[0];
    String token = Files.readString(Path.of(args[1])).strip();
    String iface = args[2];
    boolean firstPing = args.length > 3 && args[3].equals("--first-ping");

    CoderClient rest = new CoderClient(DeploymentUrl.parse(url), SessionToken.of(token), Map.of());
    rest.checkVersion();
    Values.User me = rest.me();
    Values.AgentConnectionInfo info = rest.agentConnectionInfo();
    Values.DerpRegion region = info.derpMap().regions().values().iterator().next();
    Values.DerpNode node = region.nodes().getFirst();
    URI derp = URI.create("http://" + node.hostName() + ":" + node.derpPort() + "/derp");

    LinuxTun tun = LinuxTun.open(iface, 1280);
    SystemClock clock = new SystemClock("probe");
    CountDownLatch firstAgent = new CountDownLatch(1);
    String[] firstAddress = new String[1];
    ConnectListener listener =
        new ConnectListener() {
          @Override
          public synchronized void onAgents(List<AgentView> agents) {
            if (!agents.isEmpty() && firstAddress[0] == null) {
              firstAddress[0] = agents.getFirst().address().getHostAddress();
              firstAgent.countDown();
            }
            if (!firstPing) {
              System.out.println(
                  "agents "
                      + agents.stream()
                          .map(a -> a.hostnames().getFirst() + "=" + a.address().getHostAddress())
                          .collect(Collectors.joining(",")));
              System.out.flush();
            }
          }
        };
    CoderConnect engine =
        new CoderConnect(
            new ConnectConfig(
                URI.create(url),
                token,
                Map.of(),
                me.id(),
                me.username(),
                info.hostnameSuffix(),
                DerpSettings.home(derp, region.regionId(), info.derpForceWebsockets())),
            tun,
            clock,
            listener);
    String addr = engine.address().getHostAddress();
    run("ip", "-6", "addr", "add", addr + "/128", "dev", iface, "nodad");
    run("ip", "link", "set", iface, "mtu", "1280", "up");
    run("ip", "-6", "route", "add", "fd60:627a:a42b::/48", "dev", iface, "src", addr);
    engine.start();
    if (firstPing) {
      if (!firstAgent.await(30, TimeUnit.SECONDS)) {
        throw new IOException("no agent appeared in 30 s");
      }
      // Root may ping every 10 ms; -c 1 -w 20 keeps sending until the first reply comes back.
      run("ping", "-6", "-n", "-q", "-c", "1", "-i", "0.01", "-w", "20", firstAddress[0]);
      System.out.println("connect_ms=" + (System.nanoTime() - t0) / 1_000_000);
      engine.close();
      clock.shutdown();
      System.exit(0);
    }
    System.out.println("started " + addr);
    System.out.flush();
    while (System.in.read() >= 0) {
      // Input is ignored; EOF stops the probe.
    }
    engine.close();
    clock.shutdown();
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + out.strip());
    }
  }
}
