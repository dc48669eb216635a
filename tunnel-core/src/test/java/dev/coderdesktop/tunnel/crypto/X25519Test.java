// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class X25519Test {

  @Test
  @DisplayName("RFC 7748 section 6.1 Diffie-Hellman vector")
  void rfc7748Vector() throws Exception {
    Key alicePriv =
        Key.fromHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a", true);
    Key bobPriv =
        Key.fromHex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb", true);
    Key alicePub = X25519.publicKey(alicePriv);
    Key bobPub = X25519.publicKey(bobPriv);
    assertEquals(
        "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a", alicePub.toHex());
    assertEquals(
        "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f", bobPub.toHex());
    String shared = "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742";
    assertEquals(shared, X25519.sharedSecret(alicePriv, bobPub).toHex());
    assertEquals(shared, X25519.sharedSecret(bobPriv, alicePub).toHex());
  }

  @Test
  @DisplayName("a low-order public key is rejected")
  void lowOrderRejected() {
    Key priv = X25519.generatePrivateKey();
    Key zero = Key.publicKey(new byte[32]);
    assertThrows(InvalidSharedSecretException.class, () -> X25519.sharedSecret(priv, zero));
  }

  @Test
  @DisplayName("secret keys never print their bytes")
  void secretToString() {
    Key priv = X25519.generatePrivateKey();
    assertEquals("Key(secret)", priv.toString());
    assertFalse(X25519.publicKey(priv).toString().contains("secret"));
  }
}
