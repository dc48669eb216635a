// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.security.SecureRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Our receiver indexes: random 32-bit values naming either a handshake in progress or an
 * established keypair, so an incoming message finds its peer in one lookup. Thread-safe.
 */
final class IndexTable {

  /**
   * What an index names: a peer's pending handshake, or a keypair (then {@code keypair != null}).
   */
  record Entry(Peer peer, Keypair keypair) {}

  private final ConcurrentHashMap<Integer, Entry> table = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();

  /** Reserves a fresh random index for {@code peer}'s handshake. */
  int newIndexForHandshake(Peer peer) {
    Entry e = new Entry(peer, null);
    while (true) {
      int index = random.nextInt();
      if (table.putIfAbsent(index, e) == null) {
        return index;
      }
    }
  }

  /** Points an index reserved for a handshake at the keypair it produced. */
  void swapToKeypair(int index, Keypair keypair) {
    table.put(index, new Entry(keypair.peer, keypair));
  }

  Entry lookup(int index) {
    return table.get(index);
  }

  void delete(int index) {
    table.remove(index);
  }

  /** Drops every index of {@code peer}. */
  void deleteAll(Peer peer) {
    table.values().removeIf(e -> e.peer() == peer);
  }
}
