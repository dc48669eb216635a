// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.standalone;

import dev.coderdesktop.tunnel.bind.UdpBind;
import dev.coderdesktop.tunnel.time.SystemClock;
import dev.coderdesktop.tunnel.tun.linux.LinuxTun;
import dev.coderdesktop.tunnel.wireguard.Device;
import dev.coderdesktop.tunnel.wireguard.WireGuardTimings;
import dev.coderdesktop.tunnel.wireguard.config.Config;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * A plain WireGuard interface run from a {@code wg}-style configuration file: a Linux TUN device,
 * UDP, and the engine, with no operating-system configuration (the caller assigns addresses and
 * brings the link up). Used by the interoperability tests and benchmarks.
 *
 * <pre>
 * StandaloneTunnel --interface NAME --config FILE [--mtu 1420] [--rekey-after-seconds N]
 * </pre>
 *
 * Prints {@code ready NAME port N} once up; runs until terminated.
 */
@Command(
    name = "StandaloneTunnel",
    mixinStandardHelpOptions = true,
    description = "A plain WireGuard interface from a wg-style configuration file.")
public final class StandaloneTunnel implements Callable<Integer> {

  @Option(names = "--interface", required = true, paramLabel = "NAME", description = "TUN name.")
  String iface;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "wg config.")
  Path configFile;

  @Option(names = "--mtu", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int mtu = 1420;

  @Option(
      names = "--rekey-after-seconds",
      paramLabel = "N",
      description = "Rekey sooner than WireGuard's 120 s (tests).")
  Long rekeyAfterSeconds;

  private StandaloneTunnel() {}

  /** Entry point; exits 2 on bad arguments or configuration, 1 if the device cannot start. */
  public static void main(String[] args) {
    System.exit(new CommandLine(new StandaloneTunnel()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    WireGuardTimings timings =
        rekeyAfterSeconds == null
            ? WireGuardTimings.standard()
            : WireGuardTimings.standard().withRekeyAfterTime(Duration.ofSeconds(rekeyAfterSeconds));
    Config config;
    try {
      config = Config.parse(Files.readString(configFile));
    } catch (IOException | ConfigParseException e) {
      System.err.println("cannot read " + configFile + ": " + e.getMessage());
      return 2;
    }
    SystemClock clock = new SystemClock("wg-timers");
    Device device;
    try {
      LinuxTun tun = LinuxTun.open(iface, mtu);
      UdpBind bind = new UdpBind(config.listenPort());
      device = new Device(config, tun, bind, clock, timings);
      device.start();
      out.println("ready " + tun.name() + " port " + bind.localPort());
    } catch (IOException e) {
      System.err.println("cannot start: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Device d = device;
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  d.close();
                  clock.shutdown();
                  stopped.countDown();
                },
                "wg-shutdown"));
    stopped.await();
    return 0;
  }
}
