// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.security.SecureRandom;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * Our receiver indexes: random 32-bit values naming either a handshake in progress or an
 * established keypair, so an incoming message finds its peer in one lookup. A fresh index never
 * collides with a live one.
 *
 * <p>Thread-safe. {@link #lookup} runs for every transport packet, so it takes no lock and
 * allocates nothing (no boxed keys): the table is an immutable open-addressed snapshot behind a
 * volatile field. Changes (a few per handshake) are serialised on this object and publish a new
 * snapshot.
 */
final class IndexTable {

  /**
   * What an index names: a peer's pending handshake, or a keypair (then {@code keypair != null}).
   */
  record Entry(Peer peer, Keypair keypair) {}

  /** Parallel arrays; a slot is free when its entry is null. Never mutated once published. */
  private record Snapshot(int[] keys, Entry[] entries, int size) {}

  private final RandomGenerator random;

  private volatile Snapshot snapshot = new Snapshot(new int[16], new Entry[16], 0);

  IndexTable() {
    this(new SecureRandom());
  }

  /** For tests: a table drawing indexes from {@code random}. */
  IndexTable(RandomGenerator random) {
    this.random = random;
  }

  /** Reserves a fresh random index for {@code peer}'s handshake. */
  synchronized int newIndexForHandshake(Peer peer) {
    while (true) {
      int index = random.nextInt();
      if (find(snapshot, index) < 0) {
        rebuildLocked(e -> true, index, new Entry(peer, null));
        return index;
      }
    }
  }

  /** Points an index reserved for a handshake at the keypair it produced. */
  synchronized void swapToKeypair(int index, Keypair keypair) {
    rebuildLocked(e -> true, index, new Entry(keypair.peer, keypair));
  }

  /** What {@code index} names, or {@code null}. Lock-free and allocation-free. */
  Entry lookup(int index) {
    Snapshot s = snapshot;
    int slot = find(s, index);
    return slot < 0 ? null : s.entries[slot];
  }

  /** Frees {@code index}; a no-op when it is not live. */
  synchronized void delete(int index) {
    Snapshot s = snapshot;
    int slot = find(s, index);
    if (slot >= 0) {
      // Entries are created per put, so identity names exactly this slot.
      Entry gone = s.entries[slot];
      rebuildLocked(e -> e != gone, 0, null);
    }
  }

  /** Drops every index of {@code peer}. */
  synchronized void deleteAll(Peer peer) {
    rebuildLocked(e -> e.peer() != peer, 0, null);
  }

  /** Number of live indexes. */
  int size() {
    return snapshot.size;
  }

  /**
   * Publishes a snapshot holding the entries {@code keep} accepts, plus {@code index -> added}
   * (replacing any entry under that index) when {@code added} is non-null.
   */
  private void rebuildLocked(Predicate<Entry> keep, int index, Entry added) {
    Snapshot s = snapshot;
    int size = 0;
    for (int i = 0; i < s.keys.length; i++) {
      Entry e = s.entries[i];
      if (e != null && keep.test(e) && !(added != null && s.keys[i] == index)) {
        size++;
      }
    }
    if (added != null) {
      size++;
    }
    int capacity = 16;
    while (capacity < size * 2) {
      capacity <<= 1;
    }
    int[] keys = new int[capacity];
    Entry[] entries = new Entry[capacity];
    for (int i = 0; i < s.keys.length; i++) {
      Entry e = s.entries[i];
      if (e != null && keep.test(e) && !(added != null && s.keys[i] == index)) {
        insert(keys, entries, s.keys[i], e);
      }
    }
    if (added != null) {
      insert(keys, entries, index, added);
    }
    snapshot = new Snapshot(keys, entries, size);
  }

  private static void insert(int[] keys, Entry[] entries, int key, Entry e) {
    int mask = keys.length - 1;
    int i = mix(key) & mask;
    while (entries[i] != null) {
      i = (i + 1) & mask;
    }
    keys[i] = key;
    entries[i] = e;
  }

  private static int find(Snapshot s, int key) {
    int mask = s.keys.length - 1;
    int i = mix(key) & mask;
    // At most half full, so a probe always reaches a free slot.
    while (s.entries[i] != null) {
      if (s.keys[i] == key) {
        return i;
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  private static int mix(int k) {
    int h = k * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
