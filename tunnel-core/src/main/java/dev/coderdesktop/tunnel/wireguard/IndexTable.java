// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import java.security.SecureRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.random.RandomGenerator;

/**
 * Our receiver indexes: random 32-bit values naming either a handshake in progress or an
 * established keypair, so an incoming message finds its peer in one lookup. A fresh index never
 * collides with a live one.
 *
 * <p>Thread-safe. {@link #lookup} runs for every transport packet, so it takes no lock and
 * allocates nothing (no boxed keys): an open-addressed table of immutable slots, each read with
 * acquire semantics. Changes (a few per handshake) are serialised on this object and made in place:
 * a new index fills a free or deleted slot, a deletion leaves a marker that probes pass over, so a
 * concurrent lookup never misses a live index. The table is copied only to grow or to clear out
 * deletion markers, so a thousand peers' handshakes cost a thousand small changes, not a thousand
 * copies of the table.
 */
final class IndexTable {

  /**
   * What an index names: a peer's pending handshake, or a keypair (then {@code keypair != null}).
   */
  record Entry(Peer peer, Keypair keypair) {}

  /** One occupied (or deleted) slot. Immutable, so a reader sees its key and entry together. */
  private record Slot(int key, Entry entry) {}

  /** Where an index was deleted: probes go on past it, an insert may reuse it. */
  private static final Slot DELETED = new Slot(0, null);

  private static final int MIN_CAPACITY = 16;

  private final RandomGenerator random;

  // The slots, a power of two long; replaced only by copyLocked(), never resized in place.
  private volatile AtomicReferenceArray<Slot> slots = new AtomicReferenceArray<>(MIN_CAPACITY);
  private volatile int size;
  // Guarded by this: slots that are DELETED.
  private int deleted;

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
      if (find(slots, index) < 0) {
        putLocked(index, new Entry(peer, null));
        return index;
      }
    }
  }

  /** Points an index reserved for a handshake at the keypair it produced. */
  synchronized void swapToKeypair(int index, Keypair keypair) {
    putLocked(index, new Entry(keypair.peer, keypair));
  }

  /** What {@code index} names, or {@code null}. Lock-free and allocation-free. */
  Entry lookup(int index) {
    AtomicReferenceArray<Slot> s = slots;
    int i = find(s, index);
    if (i < 0) {
      return null;
    }
    // Read again, the slot may have changed since: still this index (a new keypair), or deleted
    // (DELETED's entry is null) and perhaps reused by another index, which the key check refuses.
    Slot slot = s.getAcquire(i);
    return slot.key() == index ? slot.entry() : null;
  }

  /** Frees {@code index}; a no-op when it is not live. */
  synchronized void delete(int index) {
    int i = find(slots, index);
    if (i >= 0) {
      removeLocked(i);
    }
  }

  /** Drops every index of {@code peer}. */
  synchronized void deleteAll(Peer peer) {
    AtomicReferenceArray<Slot> s = slots;
    for (int i = 0; i < s.length(); i++) {
      Slot slot = s.getPlain(i);
      if (slot != null && slot != DELETED && slot.entry().peer() == peer) {
        removeLocked(i);
      }
    }
  }

  /** Number of live indexes. */
  int size() {
    return size;
  }

  /** Slots in the table now (tests: it grows with the live indexes, not with the changes). */
  int capacity() {
    return slots.length();
  }

  private void removeLocked(int i) {
    slots.setRelease(i, DELETED);
    size--;
    deleted++;
  }

  /** Sets {@code index -> entry}, replacing the entry already under that index. */
  private void putLocked(int index, Entry entry) {
    AtomicReferenceArray<Slot> s = slots;
    int at = find(s, index);
    if (at >= 0) {
      s.setRelease(at, new Slot(index, entry));
      return;
    }
    // Keep at least half the slots empty (never DELETED), so every probe ends quickly.
    if ((size + deleted + 1) * 2 > s.length()) {
      s = copyLocked(size + 1);
    }
    int mask = s.length() - 1;
    int i = mix(index) & mask;
    Slot slot;
    while ((slot = s.getPlain(i)) != null && slot != DELETED) {
      i = (i + 1) & mask;
    }
    if (slot == DELETED) {
      deleted--;
    }
    s.setRelease(i, new Slot(index, entry));
    size++;
  }

  /** Publishes a copy sized for {@code want} live indexes, without deletion markers. */
  private AtomicReferenceArray<Slot> copyLocked(int want) {
    int capacity = MIN_CAPACITY;
    while (capacity < want * 4) {
      capacity <<= 1;
    }
    AtomicReferenceArray<Slot> old = slots;
    AtomicReferenceArray<Slot> fresh = new AtomicReferenceArray<>(capacity);
    int mask = capacity - 1;
    for (int j = 0; j < old.length(); j++) {
      Slot slot = old.getPlain(j);
      if (slot != null && slot != DELETED) {
        int i = mix(slot.key()) & mask;
        while (fresh.getPlain(i) != null) {
          i = (i + 1) & mask;
        }
        fresh.setPlain(i, slot);
      }
    }
    deleted = 0;
    slots = fresh; // the volatile write publishes every slot above
    return fresh;
  }

  /** The slot holding {@code key} in {@code s}, or -1. */
  private static int find(AtomicReferenceArray<Slot> s, int key) {
    int mask = s.length() - 1;
    int i = mix(key) & mask;
    // At least half the slots are empty, so a probe always reaches one.
    for (Slot slot; (slot = s.getAcquire(i)) != null; i = (i + 1) & mask) {
      if (slot != DELETED && slot.key() == key) {
        return i;
      }
    }
    return -1;
  }

  private static int mix(int k) {
    int h = k * 0x9E3779B9;
    return h ^ (h >>> 16);
  }
}
