// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.Values;
import dev.coderdesktop.tunnel.connect.AgentView;
import dev.coderdesktop.tunnel.connect.CoderConnect;
import dev.coderdesktop.tunnel.connect.ConnectConfig;
import dev.coderdesktop.tunnel.connect.ConnectListener;
import dev.coderdesktop.tunnel.control.TailnetAddresses;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.linux.LinuxTun;
import dev.coderdesktop.vpn.service.dns.DnsShim;
import dev.coderdesktop.vpn.service.dns.HostTable;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * Coder Connect in the foreground, as root, until terminated: signs in with the REST API, creates
 * the TUN device, gives it our address, the resolver address {@code fd60:627a:a42b::53} and the
 * route for {@code fd60:627a:a42b::/48}, answers DNS for the agents' names there, and runs the
 * engine, printing one line per agent whenever the set changes. It does not change the system
 * resolver: point the suffix's queries at {@code fd60:627a:a42b::53} (the daemon will do this).
 *
 * <pre>
 * ForegroundConnect --url URL --token-file FILE [--interface coder0] [--header Name=Value]...
 * </pre>
 *
 * Exit codes: 2 bad arguments, 3 sign-in refused (bad token, old server), 4 unreachable, 1 other.
 */
public final class ForegroundConnect {

  private ForegroundConnect() {}

  /** Entry point. */
  public static void main(String[] args) throws Exception {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String url = null;
    Path tokenFile = null;
    String iface = "coder0";
    Map<String, String> headers = new LinkedHashMap<>();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--url" -> url = args[++i];
          case "--token-file" -> tokenFile = Path.of(args[++i]);
          case "--interface" -> iface = args[++i];
          case "--header" -> {
            String[] kv = args[++i].split("=", 2);
            headers.put(kv[0], kv.length > 1 ? kv[1] : "");
          }
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (url == null || tokenFile == null) {
        throw new IllegalArgumentException("--url and --token-file are required");
      }
    } catch (RuntimeException e) {
      System.err.println(
          "usage: ForegroundConnect --url URL --token-file FILE [--interface NAME]"
              + " [--header Name=Value]...: "
              + e.getMessage());
      System.exit(2);
      return;
    }

    ConnectConfig config;
    try {
      SessionToken token = SessionToken.of(Files.readString(tokenFile));
      CoderClient api = new CoderClient(DeploymentUrl.parse(url), token, headers);
      out.println("server " + api.checkVersion());
      Values.User me = api.me();
      out.println("user " + me.username());
      Values.AgentConnectionInfo info = api.agentConnectionInfo();
      DerpSelection derp =
          DerpSelection.choose(info.derpMap())
              .orElseThrow(() -> new IOException("the deployment offers no DERP relay"));
      out.println("derp " + derp.regionId() + " " + derp.url());
      config =
          new ConnectConfig(
              api.url().uri(),
              token.reveal(),
              headers,
              me.id(),
              me.username(),
              info.hostnameSuffix(),
              derp.url(),
              derp.regionId());
    } catch (CoderException.Unreachable e) {
      System.err.println(e.getMessage());
      System.exit(4);
      return;
    } catch (CoderException | DeploymentUrl.InvalidException | IllegalArgumentException e) {
      System.err.println("sign-in refused: " + e.getMessage());
      System.exit(3);
      return;
    }

    SystemClock clock = new SystemClock("connect-timers");
    LinuxTun tun = LinuxTun.open(iface, 1280);
    String suffix = config.hostnameSuffix();
    HostTable empty = HostTable.of(suffix, Map.of());
    DnsShim[] dns = new DnsShim[1];
    CoderConnect engine =
        new CoderConnect(
            config,
            tun,
            clock,
            new Printer(
                out,
                agents -> {
                  if (dns[0] != null) {
                    dns[0].setTable(table(suffix, agents));
                  }
                }));
    String addr = engine.address().getHostAddress();
    String dnsAddr = TailnetAddresses.DNS_ADDRESS.getHostAddress();
    run("ip", "-6", "addr", "add", addr + "/128", "dev", tun.name(), "nodad");
    run("ip", "-6", "addr", "add", dnsAddr + "/128", "dev", tun.name(), "nodad");
    run("ip", "link", "set", tun.name(), "up");
    run(
        "ip",
        "-6",
        "route",
        "replace",
        "fd60:627a:a42b::/" + TailnetAddresses.PREFIX_BITS,
        "dev",
        tun.name());
    dns[0] = new DnsShim(new InetSocketAddress(TailnetAddresses.DNS_ADDRESS, 53), empty);
    out.println("ready " + tun.name() + " " + addr + " dns " + dnsAddr);
    engine.start();

    CountDownLatch done = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  // Closing the TUN device removes its address and route with it.
                  engine.close();
                  clock.shutdown();
                  done.countDown();
                },
                "connect-shutdown"));
    done.await();
  }

  /** The DNS table for the agents, plus the name that tells clients Coder Connect is on. */
  static HostTable table(String suffix, List<AgentView> agents) {
    Map<String, List<Inet6Address>> names = new HashMap<>();
    for (AgentView a : agents) {
      for (String h : a.hostnames()) {
        names.put(h, List.of(a.address()));
      }
    }
    names.put(
        dev.coderdesktop.tunnel.control.AgentHostnames.CONNECT_PROBE_LABEL + "." + suffix,
        List.of(TailnetAddresses.DNS_ADDRESS));
    return HostTable.of(suffix, names);
  }

  private static void run(String... cmd) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException(String.join(" ", cmd) + " failed: " + output.strip());
    }
  }

  /** Prints the agent list as lines a script can read. */
  private static final class Printer implements ConnectListener {
    private final PrintStream out;
    private final java.util.function.Consumer<List<AgentView>> also;
    private String last = "";

    Printer(PrintStream out, java.util.function.Consumer<List<AgentView>> also) {
      this.out = out;
      this.also = also;
    }

    @Override
    public synchronized void onAgents(List<AgentView> agents) {
      also.accept(agents);
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

    @Override
    public void onControl(boolean connected, String detail) {
      out.println("control " + (connected ? "up" : "down " + detail));
    }
  }
}
