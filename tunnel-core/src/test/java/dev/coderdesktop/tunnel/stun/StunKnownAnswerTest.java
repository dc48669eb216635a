// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.stun.StunFormatException.Reason;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The sample messages of RFC 5769 and the exact bytes a tailnet client sends. */
class StunKnownAnswerTest {

  static final HexFormat HEX = HexFormat.of();

  /** RFC 5769 section 2.1: SOFTWARE, PRIORITY, ICE-CONTROLLED, USERNAME, MESSAGE-INTEGRITY. */
  static final byte[] SAMPLE_REQUEST =
      HEX.parseHex(
          "000100582112a442b7e7a701bc34d686fa87dfae"
              + "802200105354554e207465737420636c69656e74"
              + "002400046e0001ff"
              + "80290008932ff9b151263b36"
              + "000600096576746a3a68367659202020"
              + "000800149aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
              + "80280004e57a3bcf");

  /** RFC 5769 section 2.2: 192.0.2.1 port 32853. */
  static final byte[] SAMPLE_IPV4_RESPONSE =
      HEX.parseHex(
          "0101003c2112a442b7e7a701bc34d686fa87dfae"
              + "8022000b7465737420766563746f7220"
              + "002000080001a147e112a643"
              + "000800142b91f599fd9e90c38c7489f92af9ba53f06be7d7"
              + "80280004c07d4c96");

  /** RFC 5769 section 2.3: 2001:db8:1234:5678:11:2233:4455:6677 port 32853. */
  static final byte[] SAMPLE_IPV6_RESPONSE =
      HEX.parseHex(
          "010100482112a442b7e7a701bc34d686fa87dfae"
              + "8022000b7465737420766563746f7220"
              + "002000140002a1470113a9faa5d3f179bc25f4b5bed2b9d9"
              + "00080014a382954e4be67bf11784c97c8292c275bfe3ed41"
              + "80280004c8fb0b4c");

  static final TransactionId SAMPLE_TX =
      TransactionId.of(HEX.parseHex("b7e7a701bc34d686fa87dfae"), 0);

  @Nested
  @DisplayName("RFC 5769 samples")
  class Samples {

    @Test
    @DisplayName("the sample request parses with its SOFTWARE and a valid FINGERPRINT")
    void request() throws Exception {
      BindingRequest r = BindingRequest.parse(SAMPLE_REQUEST);
      assertEquals(SAMPLE_TX, r.txId());
      assertEquals("STUN test client", r.software());
      assertTrue(r.fingerprinted());
      assertFalse(r.fromTailnode(), "a tailnet STUN server answers only tailnode");
    }

    @Test
    @DisplayName("the IPv4 sample response gives 192.0.2.1:32853")
    void ipv4() throws Exception {
      BindingResponse r = BindingResponse.parse(SAMPLE_IPV4_RESPONSE);
      assertEquals(SAMPLE_TX, r.txId());
      assertEquals(new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853), r.mapped());
    }

    @Test
    @DisplayName("the IPv6 sample response gives [2001:db8:1234:5678:11:2233:4455:6677]:32853")
    void ipv6() throws Exception {
      BindingResponse r = BindingResponse.parse(SAMPLE_IPV6_RESPONSE);
      assertEquals(
          new InetSocketAddress(
              InetAddress.getByName("2001:db8:1234:5678:11:2233:4455:6677"), 32853),
          r.mapped());
    }

    @Test
    @DisplayName("our XOR-MAPPED-ADDRESS encoding equals the samples' attribute bytes")
    void xorEncodingMatchesSamples() throws Exception {
      for (byte[] sample : new byte[][] {SAMPLE_IPV4_RESPONSE, SAMPLE_IPV6_RESPONSE}) {
        BindingResponse parsed = BindingResponse.parse(sample);
        byte[] ours = parsed.encode();
        int attr = StunHeader.LENGTH + 16; // after the sample's padded SOFTWARE
        int len = 4 + XorAddress.valueLength(parsed.mapped().getAddress());
        assertArrayEquals(
            Arrays.copyOfRange(sample, attr, attr + len),
            Arrays.copyOfRange(ours, StunHeader.LENGTH, StunHeader.LENGTH + len));
      }
    }

    @Test
    @DisplayName("one flipped bit anywhere before the FINGERPRINT fails its check")
    void fingerprintCatchesCorruption() {
      byte[] b = SAMPLE_IPV4_RESPONSE.clone();
      b[25] ^= 1; // inside SOFTWARE
      StunFormatException e =
          assertThrows(StunFormatException.class, () -> BindingResponse.parse(b));
      assertEquals(Reason.BAD_FINGERPRINT, e.reason());
    }
  }

  @Nested
  @DisplayName("the tailnet's form")
  class Tailnet {

    static final TransactionId TX = TransactionId.of(HEX.parseHex("0102030405060708090a0b0c"), 0);

    @Test
    @DisplayName("a request is header, SOFTWARE tailnode and FINGERPRINT, byte for byte")
    void request() throws Exception {
      byte[] b = BindingRequest.encode(TX);
      assertEquals(
          "000100142112a4420102030405060708090a0b0c"
              + "802200087461696c6e6f6465"
              + "80280004b32c370f",
          HEX.formatHex(b));
      BindingRequest parsed = BindingRequest.parse(b);
      assertEquals(TX, parsed.txId());
      assertTrue(parsed.fromTailnode());
    }

    @Test
    @DisplayName("a response is the header and one XOR-MAPPED-ADDRESS, for IPv4 and IPv6")
    void response() throws Exception {
      InetSocketAddress v4 = new InetSocketAddress(InetAddress.getByName("203.0.113.9"), 41641);
      byte[] b = new BindingResponse(TX, v4).encode();
      assertEquals(
          "0101000c2112a4420102030405060708090a0b0c" + "00200008" + "0001" + "83bb" + "ea12d54b",
          HEX.formatHex(b));
      assertEquals(new BindingResponse(TX, v4), BindingResponse.parse(b));
      InetSocketAddress v6 = new InetSocketAddress(InetAddress.getByName("fd7a:115c::1"), 3478);
      assertEquals(
          new BindingResponse(TX, v6), BindingResponse.parse(new BindingResponse(TX, v6).encode()));
    }

    @Test
    @DisplayName("a request without SOFTWARE tailnode is parsed but not from a tailnet client")
    void foreignRequest() throws Exception {
      byte[] bare = HEX.parseHex("000100002112a4420102030405060708090a0b0c");
      BindingRequest r = BindingRequest.parse(bare);
      assertFalse(r.fromTailnode());
      assertEquals(TX, r.txId());
    }

    @Test
    @DisplayName("demultiplexing: STUN is recognised, WireGuard and disco are not")
    void isStun() {
      assertTrue(StunHeader.isStun(BindingRequest.encode(TX)));
      byte[] wgInitiation = new byte[148];
      wgInitiation[0] = 1;
      assertFalse(StunHeader.isStun(wgInitiation));
      assertFalse(
          StunHeader.isStun(
              "TS\u00f0\u009f\u0092\u00ac...................."
                  .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1)));
      assertFalse(StunHeader.isStun(new byte[19]));
    }

    @Test
    @DisplayName("a request is not a response and a response not a request")
    void wrongType() {
      assertEquals(
          Reason.WRONG_TYPE,
          assertThrows(
                  StunFormatException.class, () -> BindingResponse.parse(BindingRequest.encode(TX)))
              .reason());
      assertEquals(
          Reason.NOT_STUN,
          assertThrows(StunFormatException.class, () -> BindingRequest.parse(new byte[30]))
              .reason());
    }
  }
}
