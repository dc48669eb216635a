// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.bind.Endpoint;

/**
 * The per-packet facts of one batch between numbering and sending (or delivering): which buffer,
 * keypair, counter and length, and the run of buffers handed on in one call. Owned by one loop
 * thread; the crypto helpers only read it and write their own slot of {@link #lengths} while {@link
 * CryptoPool#run} is running.
 */
final class CryptoBatch {

  final int[] index;
  final Keypair[] keypairs;
  final long[] counters;
  final int[] lengths;
  final Endpoint[] to;
  final byte[][] run;
  final int[] runSizes;

  CryptoBatch(int capacity) {
    index = new int[capacity];
    keypairs = new Keypair[capacity];
    counters = new long[capacity];
    lengths = new int[capacity];
    to = new Endpoint[capacity];
    run = new byte[capacity][];
    runSizes = new int[capacity];
  }

  /** Forgets the references of the first {@code n} slots, so no session outlives its use. */
  void clear(int n) {
    java.util.Arrays.fill(keypairs, 0, n, null);
    java.util.Arrays.fill(to, 0, n, null);
    java.util.Arrays.fill(run, 0, n, null);
  }
}
