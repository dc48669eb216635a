// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Field;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Reason;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Section;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ConfigTest {

  private static final Key PRIV = X25519.generatePrivateKey();
  private static final Key PEER1 = X25519.publicKey(X25519.generatePrivateKey());
  private static final Key PEER2 = X25519.publicKey(X25519.generatePrivateKey());
  private static final Key PSK = X25519.generatePrivateKey();

  private static final String GOOD =
      String.format(
          Locale.ROOT,
          """
      # a wg-quick file
      [Interface]
      PrivateKey = %s
      ListenPort = 51820
      Address = 10.0.0.1/24, fd00::1/64
      DNS = 1.1.1.1
      MTU = 1380

      [Peer]
      PublicKey = %s
      PresharedKey = %s
      AllowedIPs = 10.0.0.2/32, 192.168.7.9/24
      AllowedIPs = fd00::2/128
      Endpoint = [2001:db8::1]:51821
      PersistentKeepalive = 25

      [peer]
      publickey = %s   # trailing comment
      endpoint = vpn.example.com:4500
      """,
          PRIV.toBase64(),
          PEER1.toBase64(),
          PSK.toBase64(),
          PEER2.toBase64());

  @Nested
  @DisplayName("a valid wg-quick file")
  class Valid {
    @Test
    @DisplayName("yields the interface, its addresses and both peers")
    void parses() throws Exception {
      Config c = Config.parse(GOOD);
      assertEquals(PRIV, c.privateKey());
      assertEquals(51820, c.listenPort());
      assertEquals(
          List.of(IpPrefix.parse("10.0.0.0/24"), IpPrefix.parse("fd00::/64")), c.addresses());
      assertEquals(2, c.peers().size());
      PeerConfig p = c.peers().get(0);
      assertEquals(PEER1, p.publicKey());
      assertEquals(PSK, p.presharedKey());
      assertEquals(
          List.of(
              IpPrefix.parse("10.0.0.2/32"),
              IpPrefix.parse("192.168.7.0/24"),
              IpPrefix.parse("fd00::2/128")),
          p.allowedIps());
      assertEquals(new Endpoint("2001:db8::1", 51821), p.endpoint());
      assertEquals(Duration.ofSeconds(25), p.persistentKeepalive());
      PeerConfig q = c.peers().get(1);
      assertEquals(new Endpoint("vpn.example.com", 4500), q.endpoint());
      assertNull(q.presharedKey());
      assertEquals(Duration.ZERO, q.persistentKeepalive());
    }

    @Test
    @DisplayName("prints no secret key in toString")
    void noSecretsInToString() throws Exception {
      String s = Config.parse(GOOD).toString();
      assertFalse(s.contains(PRIV.toBase64()));
      assertFalse(s.contains(PSK.toBase64()));
    }
  }

  static Stream<Arguments> bad() {
    String iface = "[Interface]\nPrivateKey = " + PRIV.toBase64() + "\n";
    String peer = "[Peer]\nPublicKey = " + PEER1.toBase64() + "\n";
    return Stream.of(
        Arguments.of("", Section.INTERFACE, Field.PRIVATE_KEY, Reason.MISSING, null),
        Arguments.of(
            "ListenPort = 1\n",
            Section.NONE,
            Field.NONE,
            Reason.FIELD_OUTSIDE_SECTION,
            "listenport"),
        Arguments.of("[Foo]\n", Section.NONE, Field.NONE, Reason.UNKNOWN_SECTION, "[Foo]"),
        Arguments.of(iface + "garbage\n", Section.INTERFACE, Field.NONE, Reason.SYNTAX, "garbage"),
        Arguments.of(
            iface + "Bogus = 1\n", Section.INTERFACE, Field.NONE, Reason.UNKNOWN_FIELD, "bogus"),
        Arguments.of(
            "[Interface]\nPrivateKey = abc\n",
            Section.INTERFACE,
            Field.PRIVATE_KEY,
            Reason.INVALID_KEY,
            null),
        Arguments.of(
            iface + "ListenPort = 70000\n",
            Section.INTERFACE,
            Field.LISTEN_PORT,
            Reason.INVALID_NUMBER,
            "70000"),
        Arguments.of(
            iface + "ListenPort = 1\nListenPort = 2\n",
            Section.INTERFACE,
            Field.LISTEN_PORT,
            Reason.DUPLICATE_FIELD,
            "2"),
        Arguments.of(
            iface + "Address = 10.0.0.1/33\n",
            Section.INTERFACE,
            Field.ADDRESS,
            Reason.INVALID_PREFIX,
            "10.0.0.1/33"),
        Arguments.of(
            iface + "[Peer]\nAllowedIPs = 10.0.0.0/8\n",
            Section.PEER,
            Field.PUBLIC_KEY,
            Reason.MISSING,
            null),
        Arguments.of(
            iface + peer + "PresharedKey = bm90IGEga2V5\n",
            Section.PEER,
            Field.PRESHARED_KEY,
            Reason.INVALID_KEY,
            null),
        Arguments.of(
            iface + peer + "AllowedIPs = 10.0.0.0/8, 300.1.1.1/32\n",
            Section.PEER,
            Field.ALLOWED_IPS,
            Reason.INVALID_PREFIX,
            "300.1.1.1/32"),
        Arguments.of(
            iface + peer + "AllowedIPs = fd00::/129\n",
            Section.PEER,
            Field.ALLOWED_IPS,
            Reason.INVALID_PREFIX,
            "fd00::/129"),
        Arguments.of(
            iface + peer + "Endpoint = 1.2.3.4\n",
            Section.PEER,
            Field.ENDPOINT,
            Reason.INVALID_ENDPOINT,
            "1.2.3.4"),
        Arguments.of(
            iface + peer + "Endpoint = 2001:db8::1:51820\n",
            Section.PEER,
            Field.ENDPOINT,
            Reason.INVALID_ENDPOINT,
            "2001:db8::1:51820"),
        Arguments.of(
            iface + peer + "Endpoint = [1.2.3.4]:5\n",
            Section.PEER,
            Field.ENDPOINT,
            Reason.INVALID_ENDPOINT,
            "[1.2.3.4]:5"),
        Arguments.of(
            iface + peer + "Endpoint = host:0\n",
            Section.PEER,
            Field.ENDPOINT,
            Reason.INVALID_ENDPOINT,
            "host:0"),
        Arguments.of(
            iface + peer + "PersistentKeepalive = -1\n",
            Section.PEER,
            Field.PERSISTENT_KEEPALIVE,
            Reason.INVALID_NUMBER,
            "-1"),
        Arguments.of(
            iface + peer + peer,
            Section.PEER,
            Field.PUBLIC_KEY,
            Reason.DUPLICATE_PEER,
            PEER1.toBase64()),
        Arguments.of(
            iface + peer + "DNS = 1.1.1.1\n",
            Section.PEER,
            Field.NONE,
            Reason.UNKNOWN_FIELD,
            "dns"));
  }

  @ParameterizedTest(name = "[{index}] {3} {2}")
  @MethodSource("bad")
  @DisplayName("bad input is rejected with section, field, reason and text")
  void rejects(String text, Section s, Field f, Reason r, String offending) {
    ConfigParseException e = assertThrows(ConfigParseException.class, () -> Config.parse(text));
    assertEquals(s, e.section(), e.getMessage());
    assertEquals(f, e.field(), e.getMessage());
    assertEquals(r, e.reason(), e.getMessage());
    assertEquals(offending, e.text(), e.getMessage());
  }

  @Test
  @DisplayName("a malformed private key's text never appears in the error")
  void secretNotInError() {
    String almost = PRIV.toBase64().substring(0, 40);
    ConfigParseException e =
        assertThrows(
            ConfigParseException.class,
            () -> Config.parse("[Interface]\nPrivateKey = " + almost + "\n"));
    assertFalse(e.getMessage().contains(almost));
    assertNull(e.text());
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "10.1.2.3/8, 10.0.0.0/8",
    "10.1.2.3, 10.1.2.3/32",
    "0.0.0.0/0, 0.0.0.0/0",
    "192.168.1.255/23, 192.168.0.0/23",
    "fd7a:115c:a1e0:ab12:4843:cd96:6258:b240/48, fd7a:115c:a1e0:0:0:0:0:0/48",
    "::/0, 0:0:0:0:0:0:0:0/0",
  })
  @DisplayName("prefixes are canonicalised")
  void canonical(String in, String out) {
    assertEquals(out, IpPrefix.parse(in).toString());
    assertEquals(IpPrefix.parse(out), IpPrefix.parse(in));
  }

  @Test
  @DisplayName("random mutations of a good file either parse or raise ConfigParseException")
  void fuzz() {
    Random rnd = new Random(42);
    String alphabet = "[]=#,:/.\n abcdefPQ0189+";
    for (int i = 0; i < 3000; i++) {
      StringBuilder b = new StringBuilder(GOOD);
      int edits = 1 + rnd.nextInt(4);
      for (int k = 0; k < edits; k++) {
        if (b.isEmpty()) {
          break;
        }
        int at = rnd.nextInt(b.length());
        switch (rnd.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          default -> b.setLength(at);
        }
      }
      try {
        Config c = Config.parse(b.toString());
        assertTrue(c.privateKey() != null);
      } catch (ConfigParseException expected) {
        assertTrue(expected.reason() != null);
      }
    }
  }
}
