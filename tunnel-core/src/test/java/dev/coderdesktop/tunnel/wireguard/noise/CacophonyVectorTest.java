// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderdesktop.tunnel.crypto.ChaChaPoly;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The published cacophony vector for Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s: fixed static and
 * ephemeral keys, prologue, psk and payloads, checked byte for byte through the handshake and the
 * first transport messages each way.
 */
class CacophonyVectorTest {

  private static final HexFormat HEX = HexFormat.of();

  private static final String PROLOGUE = "4a6f686e2047616c74";
  private static final String PSK =
      "54686973206973206d7920417573747269616e20706572737065637469766521";
  private static final String INIT_STATIC =
      "e61ef9919cde45dd5f82166404bd08e38bceb5dfdfded0a34c8df7ed542214d1";
  private static final String INIT_EPHEMERAL =
      "893e28b9dc6ca8d611ab664754b8ceb7bac5117349a4439a6b0569da977c464a";
  private static final String RESP_STATIC =
      "4a3acbfdb163dec651dfa3194dece676d437029c62a408b4c5ea9114246e4893";
  private static final String RESP_EPHEMERAL =
      "bbdb4cdbd309f1a1f2e1456967fe288cadd6f712d65dc7b7793d5e63da6b375b";
  private static final String HANDSHAKE_HASH =
      "f5191b875290abcd41347ac3622d9679688a7e980229cb937ef748336cfde0e5";

  private static final String[][] MESSAGES = {
    {
      "4c756477696720766f6e204d69736573",
      "ca35def5ae56cec33dc2036731ab14896bc4c75dbb07a61f879f8e3afa4c7944001e21de9f98ddd8e2ad5752"
          + "7207feb56253c9c94a9e496782ecfcb2a75fbcaf1b52948cc48daefe660c62119ab5000980c84831215f24"
          + "41eba616548e832985464cf17e51ee93109008399a21f7e13f"
    },
    {
      "4d757272617920526f746862617264",
      "95ebc60d2b1fa672c1f46a8aa265ef51bfe38e7ccb39ec5be34069f144808843cb765f2caef0751b8f007572"
          + "dab0322217755c0632f365717edbf34d33e87a"
    },
    {"462e20412e20486179656b", "8153ca9833bc3c1b91a7e66e5f4d4f5b59bf9e64c2f20d15f0bba7"},
    {"4361726c204d656e676572", "07af0c9c86e1b4e80f36b04ff7688d51141af3debd0332f0a705ef"},
    {
      "4a65616e2d426170746973746520536179",
      "6ab1467c0448cc78394494abaaf23afce0e234315d6e2624dcbfa8a21c1c4d073d"
    },
    {
      "457567656e2042f6686d20766f6e2042617765726b",
      "dfc346c0d2296ae6cf1acf6f12b8456a1dba228cf8d8b774aacf1c47fc53aa80ebc7a4c292"
    },
  };

  private static Key secret(String hex) throws Exception {
    return Key.fromHex(hex, true);
  }

  @Test
  @DisplayName("handshake and transport messages match the cacophony vector byte for byte")
  void vector() throws Exception {
    byte[] prologue = HEX.parseHex(PROLOGUE);
    byte[] psk = HEX.parseHex(PSK);
    Key initStatic = secret(INIT_STATIC);
    Key respStatic = secret(RESP_STATIC);
    Key respPublic = X25519.publicKey(respStatic);

    NoiseIkPsk2 init = NoiseIkPsk2.initiator(prologue, initStatic, respPublic);
    NoiseIkPsk2 resp = NoiseIkPsk2.responder(prologue, respStatic, respPublic);

    byte[] a =
        init.writeMessageA(
            secret(INIT_EPHEMERAL), X25519.publicKey(initStatic), HEX.parseHex(MESSAGES[0][0]));
    assertEquals(MESSAGES[0][1], HEX.formatHex(a));
    assertEquals(MESSAGES[0][0], HEX.formatHex(resp.readMessageA(a, 0, a.length)));
    assertEquals(X25519.publicKey(initStatic), resp.remoteStatic);

    byte[] b = resp.writeMessageB(secret(RESP_EPHEMERAL), psk, HEX.parseHex(MESSAGES[1][0]));
    assertEquals(MESSAGES[1][1], HEX.formatHex(b));
    assertEquals(MESSAGES[1][0], HEX.formatHex(init.readMessageB(b, 0, b.length, psk)));

    assertEquals(HANDSHAKE_HASH, HEX.formatHex(init.state.hash));
    assertEquals(HANDSHAKE_HASH, HEX.formatHex(resp.state.hash));

    byte[][] initKeys = init.state.split();
    byte[][] respKeys = resp.state.split();
    assertArrayEquals(initKeys[0], respKeys[0]);
    assertArrayEquals(initKeys[1], respKeys[1]);

    // Transport: the initiator sends with the first key, the responder with the second, each
    // with its own counter starting at zero.
    long[] counters = {0, 0};
    for (int i = 2; i < MESSAGES.length; i++) {
      int dir = i % 2;
      byte[] key = initKeys[dir];
      byte[] c =
          ChaChaPoly.sealOnce(key, counters[dir]++, HEX.parseHex(MESSAGES[i][0]), new byte[0]);
      assertEquals(MESSAGES[i][1], HEX.formatHex(c), "message " + i);
    }
  }
}
