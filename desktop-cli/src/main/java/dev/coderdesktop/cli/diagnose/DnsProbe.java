// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.diagnose;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One AAAA question to one DNS server over UDP (RFC 1035 layout), bypassing the system resolver:
 * how {@code netcheck} asks the service's resolver directly. Stateless.
 */
final class DnsProbe {

  private static final int TYPE_AAAA = 28;
  private static final int CLASS_IN = 1;

  private DnsProbe() {}

  /** The AAAA addresses {@code server} gives for {@code name}; throws on no answer in time. */
  static List<InetAddress> aaaa(InetAddress server, String name, Duration timeout)
      throws IOException {
    int id = ThreadLocalRandom.current().nextInt(1 << 16);
    ByteBuffer q = query(id, name);
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout((int) timeout.toMillis());
      DatagramPacket p = new DatagramPacket(new byte[1500], 1500);
      try {
        s.send(new DatagramPacket(q.array(), q.limit(), server, 53));
        s.receive(p);
      } catch (SocketTimeoutException e) {
        throw new IOException(
            "no answer from " + server.getHostAddress() + " in " + timeout.toSeconds() + " s");
      } catch (IOException e) {
        throw new IOException("cannot ask " + server.getHostAddress() + ": " + e.getMessage());
      }
      return parse(ByteBuffer.wrap(p.getData(), 0, p.getLength()), id);
    }
  }

  static ByteBuffer query(int id, String name) {
    ByteBuffer b = ByteBuffer.allocate(512);
    b.putShort((short) id).putShort((short) 0x0100).putShort((short) 1);
    b.putShort((short) 0).putShort((short) 0).putShort((short) 0);
    for (String label : name.toLowerCase(Locale.ROOT).split("\\.")) {
      if (label.isEmpty()) {
        continue;
      }
      byte[] l = label.getBytes(StandardCharsets.US_ASCII);
      b.put((byte) l.length).put(l);
    }
    b.put((byte) 0).putShort((short) TYPE_AAAA).putShort((short) CLASS_IN);
    return b.flip();
  }

  static List<InetAddress> parse(ByteBuffer r, int id) throws IOException {
    if (r.remaining() < 12 || (r.getShort(0) & 0xffff) != id) {
      throw new IOException("a malformed or mismatched DNS answer");
    }
    int rcode = r.get(3) & 0x0f;
    if (rcode != 0) {
      throw new IOException("the resolver answered with error code " + rcode);
    }
    int questions = r.getShort(4) & 0xffff;
    int answers = r.getShort(6) & 0xffff;
    r.position(12);
    for (int i = 0; i < questions; i++) {
      skipName(r);
      r.position(r.position() + 4);
    }
    List<InetAddress> out = new ArrayList<>();
    for (int i = 0; i < answers; i++) {
      skipName(r);
      int type = r.getShort() & 0xffff;
      r.getShort();
      r.getInt();
      int len = r.getShort() & 0xffff;
      byte[] data = new byte[len];
      r.get(data);
      if (type == TYPE_AAAA && len == 16) {
        out.add(InetAddress.getByAddress(data));
      }
    }
    return out;
  }

  private static void skipName(ByteBuffer r) {
    while (true) {
      int len = r.get() & 0xff;
      if (len == 0) {
        return;
      }
      if ((len & 0xc0) == 0xc0) {
        r.get();
        return;
      }
      r.position(r.position() + len);
    }
  }
}
