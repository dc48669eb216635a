// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.route;

import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Longest-prefix-match routing from IP addresses to owners (peers), one path-compressed binary trie
 * per address family, as wireguard-go's {@code allowedips}: a node holds a whole prefix and
 * branches on the first bit after it, so a tree of n prefixes has fewer than 2n nodes and a lookup
 * visits a handful of them however long the addresses are. Inserting an existing prefix replaces
 * its owner. Lookups read an address straight out of a packet without allocating.
 *
 * <p>Thread-safety: writers are serialised by this object's lock and publish a new root atomically
 * (nodes are immutable; a change copies the path to it), so lookups on the data path take no lock.
 */
public final class AllowedIps<T> {

  /**
   * A prefix: {@code key} is a whole address with every bit after the first {@code bits} zero.
   * {@code owner} is null for a node that only joins two subtrees. Children extend the prefix and
   * are chosen by the bit at position {@code bits}.
   */
  private record Node<T>(byte[] key, int bits, Node<T> zero, Node<T> one, T owner) {

    Node<T> withChild(int bit, Node<T> child) {
      return bit == 0
          ? new Node<>(key, bits, child, one, owner)
          : new Node<>(key, bits, zero, child, owner);
    }

    Node<T> child(int bit) {
      return bit == 0 ? zero : one;
    }
  }

  private volatile Node<T> v4;
  private volatile Node<T> v6;

  /** Routes {@code prefix} to {@code owner}, replacing any previous owner of that prefix. */
  public synchronized void insert(IpPrefix prefix, T owner) {
    Objects.requireNonNull(owner, "owner");
    byte[] key = masked(prefix.address().getAddress(), prefix.bits());
    if (key.length == 4) {
      v4 = insert(v4, key, prefix.bits(), owner);
    } else {
      v6 = insert(v6, key, prefix.bits(), owner);
    }
  }

  private static <T> Node<T> insert(Node<T> n, byte[] key, int bits, T owner) {
    if (n == null) {
      return new Node<>(key, bits, null, null, owner);
    }
    int common = commonBits(n.key, key, Math.min(n.bits, bits));
    if (common == n.bits && common == bits) {
      return new Node<>(n.key, n.bits, n.zero, n.one, owner);
    }
    if (common == n.bits) {
      // The new prefix lies inside this one: it belongs below, on the side its next bit names.
      int bit = bitAt(key, 0, n.bits);
      return n.withChild(bit, insert(n.child(bit), key, bits, owner));
    }
    if (common == bits) {
      // The new prefix contains this node: it goes above it.
      Node<T> above = new Node<>(key, bits, null, null, owner);
      return above.withChild(bitAt(n.key, 0, bits), n);
    }
    // They part at bit `common`: a joining node with no owner takes both.
    Node<T> leaf = new Node<>(key, bits, null, null, owner);
    Node<T> join = new Node<>(masked(key, common), common, null, null, null);
    return bitAt(key, 0, common) == 0
        ? join.withChild(0, leaf).withChild(1, n)
        : join.withChild(0, n).withChild(1, leaf);
  }

  /** Removes every prefix owned by {@code owner}. */
  public synchronized void removeByOwner(T owner) {
    v4 = remove(v4, owner);
    v6 = remove(v6, owner);
  }

  // Subtrees without the owner come back as they were, so the copy is the paths to its prefixes.
  private static <T> Node<T> remove(Node<T> n, T owner) {
    if (n == null) {
      return null;
    }
    Node<T> zero = remove(n.zero, owner);
    Node<T> one = remove(n.one, owner);
    T o = owner.equals(n.owner) ? null : n.owner;
    if (zero == n.zero && one == n.one && o == n.owner) {
      return n;
    }
    if (o == null && (zero == null || one == null)) {
      // Without an owner a node only joins; with fewer than two subtrees it has nothing to join.
      return zero == null ? one : zero;
    }
    return new Node<>(n.key, n.bits, zero, one, o);
  }

  /**
   * The owner of the longest prefix containing the address of {@code length} bytes (4 or 16) at
   * {@code packet[offset]}, or null.
   */
  public T lookup(byte[] packet, int offset, int length) {
    Node<T> n = length == 4 ? v4 : v6;
    T best = null;
    int max = length * 8;
    int checked = 0; // the bits of the address already matched by the nodes above
    while (n != null && matches(n, packet, offset, checked)) {
      if (n.owner != null) {
        best = n.owner;
      }
      if (n.bits == max) {
        break;
      }
      checked = n.bits;
      n = n.child(bitAt(packet, offset, n.bits));
    }
    return best;
  }

  /**
   * Whether the address at {@code a[offset]} has {@code n}'s prefix (checking from bit {@code
   * from}).
   */
  private static boolean matches(Node<?> n, byte[] a, int offset, int from) {
    int whole = n.bits >>> 3;
    for (int i = from >>> 3; i < whole; i++) {
      if (a[offset + i] != n.key[i]) {
        return false;
      }
    }
    int rest = n.bits & 7;
    return rest == 0 || ((a[offset + whole] ^ n.key[whole]) & 0xff & (0xff00 >>> rest)) == 0;
  }

  /** Every prefix owned by {@code owner}. */
  public List<IpPrefix> prefixesOf(T owner) {
    List<IpPrefix> out = new ArrayList<>();
    collect(v4, owner, out);
    collect(v6, owner, out);
    return out;
  }

  private static <T> void collect(Node<T> n, T owner, List<IpPrefix> out) {
    if (n == null) {
      return;
    }
    if (owner.equals(n.owner)) {
      try {
        out.add(new IpPrefix(InetAddress.getByAddress(n.key.clone()), n.bits));
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    collect(n.zero, owner, out);
    collect(n.one, owner, out);
  }

  /** Nodes in both trees (tests: a tree of n prefixes has fewer than 2n). */
  int nodeCount() {
    return count(v4) + count(v6);
  }

  private static int count(Node<?> n) {
    return n == null ? 0 : 1 + count(n.zero) + count(n.one);
  }

  /**
   * Checks the trees' shape (tests): keys have no bits after their prefix, a node without an owner
   * joins two subtrees, and each child extends its parent's prefix on the side its bit names.
   */
  void checkShape() {
    checkShape(v4, null, 0);
    checkShape(v6, null, 0);
  }

  private static void checkShape(Node<?> n, Node<?> parent, int side) {
    if (n == null) {
      return;
    }
    if (!java.util.Arrays.equals(n.key, masked(n.key, n.bits))) {
      throw new IllegalStateException("bits after the prefix in " + n.bits);
    }
    if (n.owner == null && (n.zero == null || n.one == null)) {
      throw new IllegalStateException("an owner-less node with fewer than two subtrees");
    }
    if (parent != null
        && (n.bits <= parent.bits
            || commonBits(n.key, parent.key, parent.bits) < parent.bits
            || bitAt(n.key, 0, parent.bits) != side)) {
      throw new IllegalStateException("a child that does not extend its parent on its side");
    }
    checkShape(n.zero, n, 0);
    checkShape(n.one, n, 1);
  }

  /** How many leading bits of {@code a} and {@code b} agree, at most {@code limit}. */
  private static int commonBits(byte[] a, byte[] b, int limit) {
    for (int i = 0; i * 8 < limit; i++) {
      int x = (a[i] ^ b[i]) & 0xff;
      if (x != 0) {
        return Math.min(limit, i * 8 + Integer.numberOfLeadingZeros(x) - 24);
      }
    }
    return limit;
  }

  /** A copy of {@code a} with every bit after the first {@code bits} cleared. */
  private static byte[] masked(byte[] a, int bits) {
    byte[] m = a.clone();
    for (int i = 0; i < m.length; i++) {
      int keep = Math.clamp(bits - i * 8L, 0, 8);
      m[i] &= (byte) (0xff00 >>> keep);
    }
    return m;
  }

  private static int bitAt(byte[] a, int offset, int depth) {
    return (a[offset + (depth >>> 3)] >>> (7 - (depth & 7))) & 1;
  }
}
