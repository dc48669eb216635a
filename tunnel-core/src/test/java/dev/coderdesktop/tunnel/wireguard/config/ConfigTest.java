// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Field;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Reason;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigTest {

  private static final String PRIV = X25519.generatePrivateKey().toBase64();
  private static final String PUB = X25519.publicKey(X25519.generatePrivateKey()).toBase64();

  @Test
  @DisplayName("parses a wg-quick style configuration")
  void parses() throws Exception {
    Config c =
        Config.parse(
            """
            [Interface]
            PrivateKey = PRIVKEY
            ListenPort = 51820
            Address = 10.0.0.1/24, fd00::1/64
            DNS = 10.0.0.53   # ignored

            [Peer]
            PublicKey = PUBKEY
            AllowedIPs = 10.0.0.2/32, fd00::2/128
            Endpoint = [fd00:1::2]:51821
            PersistentKeepalive = 25
            """
                .replace("PRIVKEY", PRIV)
                .replace("PUBKEY", PUB));
    assertEquals(51820, c.listenPort());
    assertEquals(2, c.addresses().size());
    PeerConfig p = c.peers().get(0);
    assertEquals(PUB, p.publicKey().toBase64());
    assertEquals("10.0.0.2/32", p.allowedIps().get(0).toString());
    assertEquals("fd00:1:0:0:0:0:0:2:51821", p.endpoint().toString());
    assertEquals(Duration.ofSeconds(25), p.persistentKeepalive());
    assertNull(p.presharedKey());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "bad listen port | [Interface]\\nPrivateKey=PRIV\\nListenPort=70000 | LISTEN_PORT | INVALID_NUMBER",
        "bad allowed ip | [Interface]\\nPrivateKey=PRIV\\n[Peer]\\nPublicKey=PUB\\nAllowedIPs=10.0.0.300/32 | ALLOWED_IPS | INVALID_VALUE",
        "short key | [Interface]\\nPrivateKey=AAAA | PRIVATE_KEY | INVALID_KEY",
        "no private key | [Interface]\\nListenPort=1 | PRIVATE_KEY | MISSING_FIELD",
        "peer without key | [Interface]\\nPrivateKey=PRIV\\n[Peer]\\nAllowedIPs=10.0.0.0/8 | PUBLIC_KEY | MISSING_FIELD",
        "bad endpoint | [Interface]\\nPrivateKey=PRIV\\n[Peer]\\nPublicKey=PUB\\nEndpoint=example.com:1 | ENDPOINT | INVALID_VALUE",
        "unknown field | [Interface]\\nPrivateKey=PRIV\\nColour=blue | UNKNOWN | UNKNOWN_FIELD",
        "unknown section | [Nope] | SECTION_HEADER | UNKNOWN_SECTION",
        "duplicate peer | [Interface]\\nPrivateKey=PRIV\\n[Peer]\\nPublicKey=PUB\\n[Peer]\\nPublicKey=PUB | PUBLIC_KEY | DUPLICATE_PEER",
      })
  @DisplayName("bad input names the field and reason")
  void rejects(String name, String text, Field field, Reason reason) {
    String t = text.replace("\\n", "\n").replace("PRIV", PRIV).replace("PUB", PUB);
    ConfigParseException e = assertThrows(ConfigParseException.class, () -> Config.parse(t));
    assertEquals(field, e.field());
    assertEquals(reason, e.reason());
  }

  @Test
  @DisplayName("a malformed private key is never echoed in the error")
  void secretNotEchoed() {
    String secretish = "c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2Vj";
    ConfigParseException e =
        assertThrows(
            ConfigParseException.class, () -> Config.parse("[Interface]\nPrivateKey=" + secretish));
    assertNull(e.text());
    assertFalse(e.getMessage().contains(secretish));
  }
}
