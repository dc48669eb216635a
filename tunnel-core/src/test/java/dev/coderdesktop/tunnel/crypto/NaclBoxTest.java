// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NaclBoxTest {

  private static final HexFormat HEX = HexFormat.of();
  private static final String ALICE_SK =
      "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a";
  private static final String BOB_SK =
      "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb";
  private static final String NONCE = "69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37";
  private static final String MESSAGE =
      "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
          + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
          + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
          + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
          + "5e0705";
  private static final String SEALED =
      "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
          + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
          + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
          + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
          + "7973f622a43d14a6599b1f654cb45a74e355a5";

  @Test
  @DisplayName("crypto_box_beforenm and crypto_box match the NaCl reference vector")
  void referenceVector() throws Exception {
    Key alice = Key.fromHex(ALICE_SK, true);
    Key bob = Key.fromHex(BOB_SK, true);
    assertEquals(
        "1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389",
        HEX.formatHex(NaclBox.sharedKey(alice, X25519.publicKey(bob))));
    byte[] sealed =
        NaclBox.seal(alice, X25519.publicKey(bob), HEX.parseHex(NONCE), HEX.parseHex(MESSAGE));
    assertEquals(SEALED, HEX.formatHex(sealed));
    assertArrayEquals(
        HEX.parseHex(MESSAGE),
        NaclBox.open(bob, X25519.publicKey(alice), HEX.parseHex(NONCE), sealed));
  }

  @Test
  @DisplayName("a tampered or truncated box does not open")
  void tampering() throws Exception {
    byte[] key = new byte[32];
    byte[] nonce = new byte[24];
    byte[] sealed =
        NaclBox.secretSeal(
            key, nonce, "hello".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    sealed[sealed.length - 1] ^= 1;
    assertNull(NaclBox.secretOpen(key, nonce, sealed));
    assertNull(NaclBox.secretOpen(key, nonce, new byte[5]));
  }
}
