// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DnsProbeTest {

  @Test
  @DisplayName("the AAAA question is laid out as RFC 1035 says")
  void query() {
    ByteBuffer q = DnsProbe.query(0x1234, "dev.coder");
    byte[] b = new byte[q.remaining()];
    q.get(b);
    assertEquals(
        "123401000001000000000000" + "03646576" + "05636f646572" + "00" + "001c0001",
        HexFormat.of().formatHex(b));
  }

  @Test
  @DisplayName("an answer with a compressed name yields the address; a wrong id is refused")
  void answer() throws Exception {
    ByteBuffer q = DnsProbe.query(7, "dev.coder");
    byte[] question = new byte[q.remaining()];
    q.get(question);
    ByteBuffer r = ByteBuffer.allocate(200);
    r.put(question);
    r.put(2, (byte) 0x81).put(3, (byte) 0x80).putShort(6, (short) 1);
    r.putShort((short) 0xc00c)
        .putShort((short) 28)
        .putShort((short) 1)
        .putInt(60)
        .putShort((short) 16);
    byte[] addr = InetAddress.getByName("fd60:627a:a42b::1").getAddress();
    r.put(addr).flip();
    assertEquals(
        List.of(InetAddress.getByName("fd60:627a:a42b::1")), DnsProbe.parse(r.duplicate(), 7));
    assertThrows(IOException.class, () -> DnsProbe.parse(r.duplicate(), 8));
  }
}
