// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import java.util.Arrays;
import org.bouncycastle.crypto.engines.ChaChaEngine;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.util.Pack;

/**
 * HSalsa20 and HChaCha20: 20 rounds of the cipher's core over its constants, a 32-byte key and 16
 * input bytes, giving 32 bytes. NaCl's box derives its shared key with the first, XChaCha20 its
 * subkey with the second. Stateless.
 */
final class Subkeys {

  // "expand 32-byte k", little-endian.
  private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

  private Subkeys() {}

  /** Runs 20 rounds of a core, writing {@code out} = rounds({@code in}) + {@code in}. */
  @FunctionalInterface
  private interface Core {
    void run(int rounds, int[] in, int[] out);
  }

  /** HSalsa20 of a 32-byte key and a 16-byte input. */
  static byte[] hsalsa20(byte[] key, byte[] in) {
    int[] state = new int[16];
    state[0] = SIGMA[0];
    state[5] = SIGMA[1];
    state[10] = SIGMA[2];
    state[15] = SIGMA[3];
    Pack.littleEndianToInt(key, 0, state, 1, 4);
    Pack.littleEndianToInt(in, 0, state, 6, 4);
    Pack.littleEndianToInt(key, 16, state, 11, 4);
    return bareRounds(Salsa20Engine::salsaCore, state, 0, 5, 10, 15, 6, 7, 8, 9);
  }

  /** HChaCha20 of a 32-byte key and the first 16 bytes of {@code in}. */
  static byte[] hchacha20(byte[] key, byte[] in) {
    int[] state = new int[16];
    System.arraycopy(SIGMA, 0, state, 0, SIGMA.length);
    Pack.littleEndianToInt(key, 0, state, 4, 8);
    Pack.littleEndianToInt(in, 0, state, 12, 4);
    return bareRounds(ChaChaEngine::chachaCore, state, 0, 1, 2, 3, 12, 13, 14, 15);
  }

  /** The words {@code picked} of the rounds over {@code state}, little-endian; wipes the state. */
  private static byte[] bareRounds(Core core, int[] state, int... picked) {
    int[] x = new int[16];
    core.run(20, state, x);
    // The library's core adds the input back (the stream ciphers' feed-forward); these functions
    // output the rounds alone.
    int[] words = new int[picked.length];
    for (int i = 0; i < picked.length; i++) {
      words[i] = x[picked[i]] - state[picked[i]];
    }
    byte[] out = Pack.intToLittleEndian(words);
    Arrays.fill(x, 0);
    Arrays.fill(state, 0);
    Arrays.fill(words, 0);
    return out;
  }
}
