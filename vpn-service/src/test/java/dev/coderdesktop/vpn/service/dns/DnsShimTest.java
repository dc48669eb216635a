// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class DnsShimTest {

  private DnsShim shim;
  private Inet6Address agent;

  @BeforeEach
  void start() throws IOException {
    agent = (Inet6Address) InetAddress.getByName("fd60:627a:a42b:11d1:80b4:c0:4fd4:30c8");
    shim =
        new DnsShim(
            new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
            HostTable.of(
                "coder", Map.of("dev.coder", List.of(agent), "main.dev.me.coder", List.of(agent))));
  }

  @AfterEach
  void stop() throws IOException {
    shim.close();
  }

  /** A standard query, as dig sends it without EDNS. */
  static byte[] query(int id, String name, int type) {
    java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
    b.write(id >>> 8);
    b.write(id);
    b.write(0x01); // RD
    b.write(0x00);
    b.writeBytes(new byte[] {0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      b.write(label.length());
      b.writeBytes(label.getBytes(StandardCharsets.US_ASCII));
    }
    b.write(0);
    b.writeBytes(new byte[] {(byte) (type >>> 8), (byte) type, 0, 1});
    return b.toByteArray();
  }

  @ParameterizedTest(name = "{0} type {1} -> rcode {2}, {3} answers")
  @CsvSource({
    "dev.coder, 28, 0, 1",
    "DEV.Coder, 28, 0, 1",
    "main.dev.me.coder, 28, 0, 1",
    "dev.coder, 1, 0, 0",
    "nope.coder, 28, 3, 0",
    "example.com, 28, 5, 0",
  })
  @DisplayName("answers by the rules: AAAA, NODATA, NXDOMAIN, REFUSED")
  void rules(String name, int type, int rcode, int answers) {
    byte[] q = query(0x1234, name, type);
    byte[] out = new byte[512];
    int n = shim.answer(q, q.length, out);
    assertEquals(0x12, out[0]);
    assertEquals(0x34, out[1] & 0xff);
    assertEquals(rcode, out[3] & 0x0f);
    assertTrue((out[2] & 0x80) != 0, "QR set");
    assertEquals(answers, out[7]);
    if (answers == 1) {
      String hex = HexFormat.of().formatHex(out, q.length, n);
      // pointer to the name, AAAA, IN, TTL 2, 16 bytes, the address
      assertEquals(
          "c00c001c000100000002" + "0010" + HexFormat.of().formatHex(agent.getAddress()), hex);
    }
  }

  @Test
  @DisplayName("the real dig resolves a name and sees NXDOMAIN for an unknown one")
  void dig() throws Exception {
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/dig")), "dig (dnsutils) is not installed");
    int port = shim.localAddress().getPort();
    assertEquals(
        agent.getHostAddress().replace("0:4fd4", "0:4fd4"),
        normalize(run("dig", "+short", "-p", "" + port, "@127.0.0.1", "dev.coder", "AAAA")));
    assertTrue(
        run("dig", "-p", "" + port, "@127.0.0.1", "gone.coder", "AAAA").contains("NXDOMAIN"));
  }

  private static String normalize(String dig) throws Exception {
    return InetAddress.getByName(dig.strip()).getHostAddress();
  }

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(10, TimeUnit.SECONDS));
    return out;
  }

  @Test
  @DisplayName("a swapped table is visible to the next query")
  void swap() {
    shim.setTable(HostTable.of("coder", Map.of()));
    byte[] q = query(1, "dev.coder", 28);
    byte[] out = new byte[512];
    shim.answer(q, q.length, out);
    assertEquals(3, out[3] & 0x0f);
  }

  @Test
  @DisplayName("random and truncated queries get FORMERR or are dropped, never an exception")
  void fuzz() {
    Random rnd = new Random(11);
    byte[] out = new byte[1500];
    byte[] good = query(7, "dev.coder", 28);
    for (int i = 0; i < 5000; i++) {
      byte[] q = rnd.nextBoolean() ? good.clone() : new byte[rnd.nextInt(64)];
      if (q != good && rnd.nextBoolean()) {
        rnd.nextBytes(q);
      }
      for (int j = 0; j < 3; j++) {
        if (q.length > 0) {
          q[rnd.nextInt(q.length)] = (byte) rnd.nextInt(256);
        }
      }
      int len = q.length == 0 ? 0 : rnd.nextInt(q.length + 1);
      int n = shim.answer(q, len, out);
      assertTrue(n == 0 || n >= DnsMessage.HEADER);
    }
    assertTrue(shim.malformed() > 0);
  }
}
