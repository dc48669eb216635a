// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.RPC;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HandshakeAndFramingTest {

  private static final List<ProtocolVersion> OURS = List.of(new ProtocolVersion(1, 3));

  @Test
  @DisplayName("the header line and the version agreed with an older peer")
  void negotiate() throws Exception {
    assertEquals("codervpn client 1.3\n", Handshake.line(Handshake.Role.CLIENT, OURS));
    InputStream peer =
        new ByteArrayInputStream("codervpn service 1.1\nrest".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream sent = new ByteArrayOutputStream();
    ProtocolVersion v =
        Handshake.perform(peer, sent, Handshake.Role.CLIENT, Handshake.Role.SERVICE, OURS);
    assertEquals(new ProtocolVersion(1, 1), v);
    assertEquals('r', peer.read(), "nothing after the line is consumed");
    assertEquals(
        new ProtocolVersion(2, 0),
        Handshake.negotiate(
            List.of(new ProtocolVersion(1, 3), new ProtocolVersion(2, 1)),
            List.of(new ProtocolVersion(1, 9), new ProtocolVersion(2, 0))));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(
      strings = {
        "codervpn service",
        "codervpm service 1.0",
        "codervpn tunnel 1.0",
        "codervpn service 0.9",
        "codervpn service 1.0,1.2",
        "codervpn service 2.0,1.0",
        "codervpn service x.y",
        "codervpn service 3.0",
        "codervpn  service 1.0",
      })
  @DisplayName("bad header lines are refused with a typed error")
  void badLines(String line) {
    InputStream peer = new ByteArrayInputStream((line + "\n").getBytes(StandardCharsets.US_ASCII));
    assertThrows(
        HandshakeException.class,
        () ->
            Handshake.perform(
                peer,
                new ByteArrayOutputStream(),
                Handshake.Role.CLIENT,
                Handshake.Role.SERVICE,
                OURS));
  }

  @Test
  @DisplayName("an endless header line is cut off at 256 bytes")
  void longLine() {
    byte[] junk = new byte[1000];
    java.util.Arrays.fill(junk, (byte) 'a');
    assertThrows(
        HandshakeException.class, () -> Handshake.readLine(new ByteArrayInputStream(junk)));
  }

  @Test
  @DisplayName("a framed ClientMessage has the exact bytes Coder's speaker writes")
  void frameBytes() throws IOException {
    ClientMessage m =
        ClientMessage.newBuilder()
            .setRpc(RPC.newBuilder().setMsgId(1))
            .setStart(StartRequest.newBuilder().setCoderUrl("https://c"))
            .build();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Framing.write(out, m.toByteArray());
    // length 17; field 1 rpc {msg_id 1}; field 2 start {field 2 coder_url "https://c"}
    assertEquals(
        "00000011" + "0a020801" + "120b" + "1209" + "68747470733a2f2f63",
        HexFormat.of().formatHex(out.toByteArray()));
  }

  @Test
  @DisplayName("frames survive being split across reads; zero and oversize lengths are refused")
  void framing() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Framing.write(out, new byte[] {1, 2, 3});
    byte[] all = out.toByteArray();
    InputStream trickle =
        new InputStream() {
          int i;

          @Override
          public int read() {
            return i < all.length ? all[i++] & 0xff : -1;
          }

          @Override
          public int read(byte[] b, int off, int len) {
            if (i >= all.length) {
              return -1;
            }
            b[off] = all[i++];
            return 1;
          }
        };
    assertArrayEquals(new byte[] {1, 2, 3}, Framing.read(trickle));
    assertNull(Framing.read(trickle));
    assertThrows(
        Framing.FrameException.class,
        () -> Framing.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 0})));
    assertThrows(
        Framing.FrameException.class,
        () -> Framing.read(new ByteArrayInputStream(new byte[] {1, 0, 0, 1, 0})));
    assertThrows(
        Framing.FrameException.class,
        () -> Framing.read(new ByteArrayInputStream(new byte[] {0, 0, 0, 9, 1, 2})));
    assertThrows(
        Framing.FrameException.class,
        () -> Framing.write(new ByteArrayOutputStream(), new byte[Framing.MAX_MESSAGE + 1]));
    assertThrows(
        Framing.FrameException.class,
        () -> Framing.write(new ByteArrayOutputStream(), new byte[0]));
  }

  /**
   * Ten bytes of a frame that announces {@code len}, then silence; remembers the biggest buffer.
   */
  private static final class Announcer extends InputStream {
    private final byte[] bytes;
    private int i;
    int biggestBuffer;

    Announcer(long len) {
      bytes = new byte[14];
      bytes[0] = (byte) (len >>> 24);
      bytes[1] = (byte) (len >>> 16);
      bytes[2] = (byte) (len >>> 8);
      bytes[3] = (byte) len;
    }

    @Override
    public int read() {
      return i < bytes.length ? bytes[i++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) {
      biggestBuffer = Math.max(biggestBuffer, b.length);
      if (i >= bytes.length) {
        return -1;
      }
      int n = Math.min(len, bytes.length - i);
      System.arraycopy(bytes, i, b, off, n);
      i += n;
      return n;
    }
  }

  @Test
  @DisplayName(
      "a length alone allocates nothing large: 2^31-1 is refused, 16 MiB grows with arrivals")
  void lengthAloneAllocatesLittle() {
    Announcer huge = new Announcer(0x7fffffffL);
    Framing.FrameException e = assertThrows(Framing.FrameException.class, () -> Framing.read(huge));
    assertTrue(e.getMessage().contains("2147483647"), e.getMessage());
    assertTrue(huge.biggestBuffer <= 3, "refused before any buffer but the header's");
    Announcer max = new Announcer(Framing.MAX_MESSAGE);
    assertThrows(Framing.FrameException.class, () -> Framing.read(max));
    assertTrue(
        max.biggestBuffer <= Framing.CHUNK,
        "a 16 MiB frame of which 10 bytes came took a " + max.biggestBuffer + "-byte buffer");
    assertThrows(
        Framing.FrameException.class,
        () ->
            Framing.read(new Announcer(Framing.MAX_CLIENT_MESSAGE + 1), Framing.MAX_CLIENT_MESSAGE),
        "the service's limit for what clients send");
  }

  @Test
  @DisplayName("a frame larger than one chunk arrives whole, in pieces")
  void bigFrame() throws IOException {
    byte[] big = new byte[3 * Framing.CHUNK + 17];
    new java.util.Random(7).nextBytes(big);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Framing.write(out, big);
    assertArrayEquals(big, Framing.read(new ByteArrayInputStream(out.toByteArray())));
  }
}
