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
import java.util.concurrent.CountDownLatch;

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
public final class StandaloneTunnel {

  private StandaloneTunnel() {}

  /** Entry point; exits 2 on bad arguments or configuration, 1 if the device cannot start. */
  public static void main(String[] args) throws InterruptedException {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    String iface = null;
    Path configFile = null;
    int mtu = 1420;
    WireGuardTimings timings = WireGuardTimings.standard();
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--interface" -> iface = args[++i];
          case "--config" -> configFile = Path.of(args[++i]);
          case "--mtu" -> mtu = Integer.parseInt(args[++i]);
          case "--rekey-after-seconds" ->
              timings = timings.withRekeyAfterTime(Duration.ofSeconds(Long.parseLong(args[++i])));
          default -> throw new IllegalArgumentException("unknown argument " + args[i]);
        }
      }
      if (iface == null || configFile == null) {
        throw new IllegalArgumentException("--interface and --config are required");
      }
    } catch (RuntimeException e) {
      System.err.println(
          "usage: StandaloneTunnel --interface NAME --config FILE [--mtu N]"
              + " [--rekey-after-seconds N]: "
              + e.getMessage());
      System.exit(2);
      return;
    }
    Config config;
    try {
      config = Config.parse(Files.readString(configFile));
    } catch (IOException | ConfigParseException e) {
      System.err.println("cannot read " + configFile + ": " + e.getMessage());
      System.exit(2);
      return;
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
      System.exit(1);
      return;
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
  }
}
