// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.fuzz;

import java.util.Arrays;
import java.util.Random;

/**
 * Seeded mutation for the fuzz tests: flips, overwrites with interesting bytes, inserts, deletes,
 * truncates and splices a seed input. How many inputs a test runs comes from the system property
 * {@code fuzz.iterations} (100 000 by default; {@code bench/fuzz.sh} asks for millions), the seed
 * from {@code fuzz.seed}.
 */
public final class Mutator {

  private static final byte[] INTERESTING = {
    0, 1, (byte) 0x7f, (byte) 0x80, (byte) 0xff, '\n', ':'
  };

  private final Random random;

  /** A mutator seeded from {@code fuzz.seed}, or {@code defaultSeed}. */
  public Mutator(long defaultSeed) {
    this.random = new Random(Long.getLong("fuzz.seed", defaultSeed));
  }

  /** How many inputs each fuzz test runs. */
  public static int iterations() {
    return Integer.getInteger("fuzz.iterations", 100_000);
  }

  /** The random source, for generating structured inputs. */
  public Random random() {
    return random;
  }

  /** A copy of {@code seed} with one to four mutations. */
  public byte[] mutate(byte[] seed) {
    byte[] b = seed.clone();
    int n = 1 + random.nextInt(4);
    for (int i = 0; i < n; i++) {
      b = once(b);
    }
    return b;
  }

  private byte[] once(byte[] b) {
    if (b.length == 0) {
      return new byte[] {(byte) random.nextInt(256)};
    }
    int at = random.nextInt(b.length);
    switch (random.nextInt(7)) {
      case 0 -> b[at] ^= (byte) (1 << random.nextInt(8));
      case 1 -> b[at] = INTERESTING[random.nextInt(INTERESTING.length)];
      case 2 -> b[at] = (byte) random.nextInt(256);
      case 3 -> {
        byte[] out = new byte[b.length + 1];
        System.arraycopy(b, 0, out, 0, at);
        out[at] = (byte) random.nextInt(256);
        System.arraycopy(b, at, out, at + 1, b.length - at);
        return out;
      }
      case 4 -> {
        byte[] out = new byte[b.length - 1];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(b, at + 1, out, at, b.length - at - 1);
        return out;
      }
      case 5 -> {
        return Arrays.copyOf(b, at);
      }
      default -> {
        // Repeat a slice (grows lists and strings inside length-delimited fields).
        int len = 1 + random.nextInt(Math.min(64, b.length - at));
        byte[] out = new byte[b.length + len];
        System.arraycopy(b, 0, out, 0, at + len);
        System.arraycopy(b, at, out, at + len, b.length - at);
        return out;
      }
    }
    return b;
  }
}
