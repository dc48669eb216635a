// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.NaclBox;
import dev.coderdesktop.tunnel.crypto.X25519;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Byte-level checks of disco packets. The vectors were produced with Go's {@code nacl/box} from
 * fixed keys: sender private key 01 02 … 20, receiver private key 41 42 … 60, nonce a0 a1 … b7,
 * transaction id 10 11 … 1b, node key 81 82 … a0.
 */
class DiscoPacketTest {

  private static final HexFormat HEX = HexFormat.of();
  static final Key A = seq(0x01, true);
  static final Key B = seq(0x41, true);
  static final Key NODE = seq(0x81, false);
  static final byte[] NONCE = range(0xa0, 24);
  static final TxId TX = TxId.of(range(0x10, 12), 0);

  private static final String A_PUB =
      "07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c";
  private static final String B_PUB =
      "64b101b1d0be5a8704bd078f9895001fc03e8e9f9522f188dd128d9846d48466";
  private static final String PING_V0 =
      "5453f09f92ac07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c"
          + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7f44b615e06cb43469f0cedcf61a5bcbe"
          + "07d9d9932f8c9398fc165b87e94309b85e4292e3d9c6513e2105926ea2da08d0bc770b9d1882e32c"
          + "a4e98743bcc8";
  private static final String PING_V1_SHA256 =
      "42494eb58453c06c0d65bfde4ebc4aa4f33c2f62882e94e6b259dc3dfcb501c8";
  private static final String PONG_V1_SHA256 =
      "593580c4893db5c0597ced6799263c017df3b6580a53044b0c995bd161419619";
  private static final String CALL_ME_MAYBE =
      "5453f09f92ac07a37cbc142093c8b755dc1b10e86cb426374ad16aa853ed0bdfc0b2b86d1c7c"
          + "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7a35d9f5c82cc93873a150b573524cbfa"
          + "05d9c9823d9f878dea01439e0ca7483adfc7b5cc7e4fd50caa891fe02d4a99422fe39e0abf23";

  @Nested
  @DisplayName("sealing matches the reference implementation")
  class KnownAnswers {

    @Test
    @DisplayName("the key pairs are the expected ones")
    void keys() {
      assertEquals(A_PUB, X25519.publicKey(A).toHex());
      assertEquals(B_PUB, X25519.publicKey(B).toHex());
    }

    @Test
    @DisplayName("a padded version-1 ping is 1310 bytes and matches byte for byte")
    void paddedPing() throws Exception {
      assertPadded(PING_V1_SHA256, seal(A, B, new DiscoMessage.Ping(TX, NODE)));
    }

    @Test
    @DisplayName("a padded version-1 pong from DERP region 999 matches byte for byte")
    void paddedPong() throws Exception {
      DiscoMessage.Pong pong =
          new DiscoMessage.Pong(TX, new InetSocketAddress(DiscoPacket.DERP_MAGIC_ADDRESS, 999));
      assertPadded(PONG_V1_SHA256, seal(B, A, pong));
    }

    @Test
    @DisplayName("a call-me-maybe with an IPv4 and an IPv6 endpoint matches byte for byte")
    void callMeMaybe() throws Exception {
      DiscoMessage.CallMeMaybe m =
          new DiscoMessage.CallMeMaybe(
              List.of(
                  new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 41641),
                  new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 12345)));
      assertEquals(CALL_ME_MAYBE, HEX.formatHex(seal(A, B, m)));
    }

    @Test
    @DisplayName("an unpadded version-0 ping from an older sender opens to the same ping")
    void olderPing() throws Exception {
      byte[] p = HEX.parseHex(PING_V0);
      assertEquals(X25519.publicKey(A), DiscoPacket.sender(p));
      DiscoMessage m = DiscoPacket.open(NaclBox.sharedKey(B, X25519.publicKey(A)), p);
      assertEquals(new DiscoMessage.Ping(TX, NODE), m);
    }

    @Test
    @DisplayName("the receiver opens what the sender sealed")
    void roundTrip() throws Exception {
      byte[] shared = NaclBox.sharedKey(B, X25519.publicKey(A));
      DiscoMessage.Ping ping = new DiscoMessage.Ping(TX, NODE);
      assertEquals(ping, DiscoPacket.open(shared, seal(A, B, ping)));
      DiscoMessage.Pong pong =
          new DiscoMessage.Pong(TX, new InetSocketAddress(InetAddress.getByName("::1"), 7));
      DiscoMessage back =
          DiscoPacket.open(NaclBox.sharedKey(A, X25519.publicKey(B)), seal(B, A, pong));
      assertEquals(pong, back);
      assertFalse(((DiscoMessage.Pong) back).viaDerp());
    }
  }

  @Nested
  @DisplayName("parsing")
  class Parsing {

    @Test
    @DisplayName("a ping without a node key (or with an all-zero one) has none")
    void pingWithoutKey() throws Exception {
      byte[] plain = new byte[2 + 12];
      plain[0] = 1;
      assertNull(((DiscoMessage.Ping) DiscoMessage.parse(plain)).nodeKey());
      assertNull(
          ((DiscoMessage.Ping) DiscoMessage.parse(new DiscoMessage.Ping(TX, null).encode()))
              .nodeKey());
    }

    @Test
    @DisplayName("a pong's v4-mapped source comes back as an IPv4 address")
    void pongSource() throws Exception {
      DiscoMessage.Pong pong =
          (DiscoMessage.Pong)
              DiscoMessage.parse(
                  new DiscoMessage.Pong(
                          TX, new InetSocketAddress(DiscoPacket.DERP_MAGIC_ADDRESS, 10001))
                      .encode());
      assertTrue(pong.viaDerp());
      assertEquals(10001, pong.source().getPort());
      byte[] enc = pong.encode();
      assertArrayEquals(
          HEX.parseHex("00000000000000000000ffff7f030328" + "2711"),
          Arrays.copyOfRange(enc, 14, 32));
    }

    @Test
    @DisplayName("short pings and pongs, empty input and unknown types are rejected")
    void rejects() {
      assertThrows(DiscoFormatException.class, () -> DiscoMessage.parse(new byte[0]));
      assertThrows(DiscoFormatException.class, () -> DiscoMessage.parse(new byte[] {1}));
      assertThrows(DiscoFormatException.class, () -> DiscoMessage.parse(new byte[2 + 11]));
      byte[] pong = new byte[2 + 29];
      pong[0] = 2;
      assertThrows(DiscoFormatException.class, () -> DiscoMessage.parse(pong));
      byte[] unknown = new byte[40];
      unknown[0] = 4;
      assertThrows(DiscoFormatException.class, () -> DiscoMessage.parse(unknown));
    }

    @Test
    @DisplayName("a call-me-maybe that is not whole endpoints, or not version 0, lists none")
    void laxCallMeMaybe() throws Exception {
      byte[] ragged = new byte[2 + 19];
      ragged[0] = 3;
      assertTrue(((DiscoMessage.CallMeMaybe) DiscoMessage.parse(ragged)).endpoints().isEmpty());
      byte[] v1 = new byte[2 + 18];
      v1[0] = 3;
      v1[1] = 1;
      assertTrue(((DiscoMessage.CallMeMaybe) DiscoMessage.parse(v1)).endpoints().isEmpty());
    }

    @Test
    @DisplayName("a tampered box, a wrong key and a packet without the magic do not open")
    void integrity() throws Exception {
      byte[] shared = NaclBox.sharedKey(B, X25519.publicKey(A));
      byte[] p = seal(A, B, new DiscoMessage.Ping(TX, NODE));
      byte[] tampered = p.clone();
      tampered[100] ^= 1;
      assertThrows(DiscoFormatException.class, () -> DiscoPacket.open(shared, tampered));
      byte[] other = NaclBox.sharedKey(B, X25519.publicKey(X25519.generatePrivateKey()));
      assertThrows(DiscoFormatException.class, () -> DiscoPacket.open(other, p));
      byte[] noMagic = p.clone();
      noMagic[0] = 'X';
      assertFalse(DiscoPacket.looksLikeDisco(noMagic));
      assertThrows(DiscoFormatException.class, () -> DiscoPacket.sender(noMagic));
      assertFalse(DiscoPacket.looksLikeDisco(Arrays.copyOf(p, 61)));
      assertInstanceOf(Key.class, DiscoPacket.sender(Arrays.copyOf(p, 62)));
    }
  }

  static byte[] seal(Key from, Key to, DiscoMessage m) throws Exception {
    return DiscoPacket.seal(
        X25519.publicKey(from), NaclBox.sharedKey(from, X25519.publicKey(to)), NONCE, m);
  }

  /** A padded packet: its full length, and bytes whose SHA-256 is {@code sha256}. */
  private static void assertPadded(String sha256, byte[] packet) throws Exception {
    assertEquals(DiscoPacket.PADDED_PACKET_LENGTH, packet.length);
    assertEquals(sha256, sha256(packet));
  }

  private static String sha256(byte[] b) throws Exception {
    return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  private static byte[] range(int start, int n) {
    byte[] b = new byte[n];
    for (int i = 0; i < n; i++) {
      b[i] = (byte) (start + i);
    }
    return b;
  }

  private static Key seq(int start, boolean secret) {
    byte[] b = range(start, 32);
    return secret ? Key.secretKey(b) : Key.publicKey(b);
  }
}
