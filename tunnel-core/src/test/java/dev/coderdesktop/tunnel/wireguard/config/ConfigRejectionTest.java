// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Field;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Reason;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Section;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad configurations as a table: where the error points, why, and what text it repeats. */
class ConfigRejectionTest {

  private static final Key PRIV = X25519.generatePrivateKey();
  private static final Key PEER = X25519.publicKey(X25519.generatePrivateKey());
  private static final Key PSK = X25519.generatePrivateKey();
  private static final String IFACE = "[Interface]\nPrivateKey = " + PRIV.toBase64() + "\n";
  private static final String PEER_HEAD = "[Peer]\nPublicKey = " + PEER.toBase64() + "\n";

  static Stream<Arguments> bad() {
    return Stream.of(
        row("", Section.INTERFACE, Field.PRIVATE_KEY, Reason.MISSING_FIELD, null),
        row("ListenPort = 1\n", Section.NONE, Field.UNKNOWN, Reason.SYNTAX, "listenport"),
        row("[Foo]\n", Section.NONE, Field.SECTION_HEADER, Reason.UNKNOWN_SECTION, "[Foo]"),
        row(IFACE + "garbage\n", Section.INTERFACE, Field.UNKNOWN, Reason.SYNTAX, "garbage"),
        row(IFACE + "Bogus = 1\n", Section.INTERFACE, Field.UNKNOWN, Reason.UNKNOWN_FIELD, "bogus"),
        row(
            "[Interface]\nPrivateKey = abc\n",
            Section.INTERFACE,
            Field.PRIVATE_KEY,
            Reason.INVALID_KEY,
            null),
        row(
            IFACE + "ListenPort = 70000\n",
            Section.INTERFACE,
            Field.LISTEN_PORT,
            Reason.INVALID_NUMBER,
            "70000"),
        row(
            IFACE + "ListenPort = many\n",
            Section.INTERFACE,
            Field.LISTEN_PORT,
            Reason.INVALID_NUMBER,
            "many"),
        row(
            IFACE + "Address = 10.0.0.1/33\n",
            Section.INTERFACE,
            Field.ADDRESS,
            Reason.INVALID_VALUE,
            "10.0.0.1/33"),
        row(
            IFACE + "[Peer]\nAllowedIPs = 10.0.0.0/8\n",
            Section.PEER,
            Field.PUBLIC_KEY,
            Reason.MISSING_FIELD,
            null),
        row(
            IFACE + "[Peer]\nPublicKey = !!\n",
            Section.PEER,
            Field.PUBLIC_KEY,
            Reason.INVALID_KEY,
            "!!"),
        row(
            IFACE + PEER_HEAD + "PresharedKey = bm90IGEga2V5\n",
            Section.PEER,
            Field.PRESHARED_KEY,
            Reason.INVALID_KEY,
            null),
        row(
            IFACE + PEER_HEAD + "AllowedIPs = 10.0.0.0/8, 300.1.1.1/32\n",
            Section.PEER,
            Field.ALLOWED_IPS,
            Reason.INVALID_VALUE,
            "300.1.1.1/32"),
        row(
            IFACE + PEER_HEAD + "AllowedIPs = fd00::/129\n",
            Section.PEER,
            Field.ALLOWED_IPS,
            Reason.INVALID_VALUE,
            "fd00::/129"),
        row(
            IFACE + PEER_HEAD + "AllowedIPs = 10.0.0.0/x\n",
            Section.PEER,
            Field.ALLOWED_IPS,
            Reason.INVALID_VALUE,
            "10.0.0.0/x"),
        row(
            IFACE + PEER_HEAD + "Endpoint = 1.2.3.4\n",
            Section.PEER,
            Field.ENDPOINT,
            Reason.INVALID_VALUE,
            "1.2.3.4"),
        row(
            IFACE + PEER_HEAD + "Endpoint = [fd00::1]\n",
            Section.PEER,
            Field.ENDPOINT,
            Reason.INVALID_VALUE,
            "[fd00::1]"),
        row(
            IFACE + PEER_HEAD + "Endpoint = 1.2.3.4:0\n",
            Section.PEER,
            Field.ENDPOINT,
            Reason.INVALID_VALUE,
            "1.2.3.4:0"),
        row(
            IFACE + PEER_HEAD + "Endpoint = 1.2.3.4:65536\n",
            Section.PEER,
            Field.ENDPOINT,
            Reason.INVALID_VALUE,
            "1.2.3.4:65536"),
        row(
            IFACE + PEER_HEAD + "PersistentKeepalive = -1\n",
            Section.PEER,
            Field.PERSISTENT_KEEPALIVE,
            Reason.INVALID_NUMBER,
            "-1"),
        row(
            IFACE + PEER_HEAD + PEER_HEAD,
            Section.PEER,
            Field.PUBLIC_KEY,
            Reason.DUPLICATE_PEER,
            PEER.toBase64()),
        row(
            IFACE + PEER_HEAD + "DNS = 1.1.1.1\n",
            Section.PEER,
            Field.UNKNOWN,
            Reason.UNKNOWN_FIELD,
            "dns"));
  }

  private static Arguments row(String text, Section s, Field f, Reason r, String offending) {
    return Arguments.of(text, s, f, r, offending);
  }

  @ParameterizedTest(name = "[{index}] {3} {2}")
  @MethodSource("bad")
  @DisplayName("bad input is rejected with its section, field, reason and offending text")
  void rejects(String text, Section s, Field f, Reason r, String offending) {
    ConfigParseException e = assertThrows(ConfigParseException.class, () -> Config.parse(text));
    assertEquals(s, e.section(), e.getMessage());
    assertEquals(f, e.field(), e.getMessage());
    assertEquals(r, e.reason(), e.getMessage());
    assertEquals(offending, e.text(), e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "PrivateKey: KEY",
        "privatekey KEY",
        "Private-Key KEY",
        "PresharedKey KEY",
      })
  @DisplayName("a malformed line holding a key is reported without its text")
  void syntaxErrorHidesKeys(String line) {
    String secret = PSK.toBase64();
    String text = "[Interface]\n" + line.replace("KEY", secret) + "\n";
    ConfigParseException e = assertThrows(ConfigParseException.class, () -> Config.parse(text));
    assertNull(e.text(), e.reason().toString());
    assertFalse(e.getMessage().contains(secret));
  }

  @Test
  @DisplayName("secret fields never carry text, even when a caller passes some")
  void constructorDropsSecretText() {
    ConfigParseException e =
        new ConfigParseException(
            Section.PEER, Field.PRESHARED_KEY, Reason.INVALID_KEY, 3, "hunter2");
    assertNull(e.text());
    assertFalse(e.getMessage().contains("hunter2"));
  }

  @Test
  @DisplayName("random mutations of a good file either parse or raise ConfigParseException")
  void fuzz() {
    String good =
        IFACE
            + "ListenPort = 51820\nAddress = 10.0.0.1/24, fd00::1/64\n"
            + PEER_HEAD
            + "PresharedKey = "
            + PSK.toBase64()
            + "\nAllowedIPs = 10.0.0.2/32, fd00::2/128\nEndpoint = [fd00::9]:51821\n"
            + "PersistentKeepalive = 25\n";
    Random rnd = new Random(42);
    String alphabet = "[]=#,:/.\n abcdefPQ0189+-";
    for (int i = 0; i < 4000; i++) {
      StringBuilder b = new StringBuilder(good);
      int edits = 1 + rnd.nextInt(4);
      for (int k = 0; k < edits && !b.isEmpty(); k++) {
        int at = rnd.nextInt(b.length());
        switch (rnd.nextInt(3)) {
          case 0 -> b.deleteCharAt(at);
          case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
          default -> b.setLength(at);
        }
      }
      try {
        assertNotNull(Config.parse(b.toString()).privateKey());
      } catch (ConfigParseException expected) {
        assertNotNull(expected.reason());
        assertFalse(expected.getMessage().contains(PRIV.toBase64().substring(0, 20)));
        assertFalse(expected.getMessage().contains(PSK.toBase64().substring(0, 20)));
      }
    }
  }
}
