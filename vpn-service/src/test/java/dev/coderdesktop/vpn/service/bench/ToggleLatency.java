// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.bench;

import dev.coderdesktop.vpn.proto.ServiceClient;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What the user waits for after flipping the toggle: from sending Start to a running service until
 * the first echo reply from an agent through the tunnel, then Stop; repeated. Prints each run and,
 * last, {@code connect_ms_median=<n>}. Runs where the service and the ping share a namespace, as
 * root.
 *
 * <p>Usage: {@code ToggleLatency <socket> <url> <token-file> <agent-address> <runs>}
 */
public final class ToggleLatency {

  private ToggleLatency() {}

  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    String url = args[1];
    String token = Files.readString(Path.of(args[2])).strip();
    String agent = args[3];
    int runs = Integer.parseInt(args[4]);
    List<Long> times = new ArrayList<>();
    try (ServiceClient client = ServiceClient.connect(socket, s -> {})) {
      for (int i = 1; i <= runs; i++) {
        long t0 = System.nanoTime();
        StartResponse r = client.start(url, token, Map.of());
        if (!r.getSuccess()) {
          throw new IllegalStateException("Start failed: " + r.getErrorMessage());
        }
        long started = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(20);
        boolean replied = false;
        while (!replied && System.nanoTime() < deadline) {
          // A short reply timeout, so a probe sent before the tunnel is up hides no later reply.
          Process p =
              new ProcessBuilder("ping", "-6", "-n", "-q", "-c", "1", "-W", "0.1", agent)
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                  .start();
          replied = p.waitFor() == 0;
        }
        long end = System.nanoTime();
        client.stop();
        if (!replied) {
          throw new IllegalStateException("run " + i + ": no reply within 20 s");
        }
        long ms = TimeUnit.NANOSECONDS.toMillis(end - t0);
        times.add(ms);
        System.out.println(
            "run "
                + i
                + ": "
                + ms
                + " ms (Start answered after "
                + TimeUnit.NANOSECONDS.toMillis(started - t0)
                + " ms)");
      }
    }
    Collections.sort(times);
    int n = times.size();
    long median = n % 2 == 1 ? times.get(n / 2) : (times.get(n / 2 - 1) + times.get(n / 2)) / 2;
    System.out.println("connect_ms_median=" + median);
  }
}
