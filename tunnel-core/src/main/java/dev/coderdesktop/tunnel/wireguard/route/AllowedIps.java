// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.route;

import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Longest-prefix-match routing from IP addresses to owners (peers), one binary trie per address
 * family. Inserting an existing prefix replaces its owner. Lookups read an address straight out of
 * a packet without allocating.
 *
 * <p>Thread-safety: writers are serialised by this object's lock and publish a new root atomically,
 * so lookups on the data path take no lock.
 */
public final class AllowedIps<T> {

  private static final class Node<T> {
    final Node<T>[] child;
    final T owner;

    @SuppressWarnings("unchecked")
    Node(Node<T> zero, Node<T> one, T owner) {
      this.child = new Node[] {zero, one};
      this.owner = owner;
    }
  }

  private volatile Node<T> v4;
  private volatile Node<T> v6;

  /** Routes {@code prefix} to {@code owner}, replacing any previous owner of that prefix. */
  public synchronized void insert(IpPrefix prefix, T owner) {
    Objects.requireNonNull(owner, "owner");
    byte[] a = prefix.address().getAddress();
    if (a.length == 4) {
      v4 = insert(v4, a, prefix.bits(), 0, owner);
    } else {
      v6 = insert(v6, a, prefix.bits(), 0, owner);
    }
  }

  // Path copying: unchanged subtrees are shared, so concurrent readers see either the old or the
  // new tree, never a partial update.
  private Node<T> insert(Node<T> n, byte[] a, int bits, int depth, T owner) {
    Node<T> zero = n == null ? null : n.child[0];
    Node<T> one = n == null ? null : n.child[1];
    if (depth == bits) {
      return new Node<>(zero, one, owner);
    }
    int bit = bitAt(a, 0, depth);
    if (bit == 0) {
      zero = insert(zero, a, bits, depth + 1, owner);
    } else {
      one = insert(one, a, bits, depth + 1, owner);
    }
    return new Node<>(zero, one, n == null ? null : n.owner);
  }

  /** Removes every prefix owned by {@code owner}. */
  public synchronized void removeByOwner(T owner) {
    v4 = remove(v4, owner);
    v6 = remove(v6, owner);
  }

  private Node<T> remove(Node<T> n, T owner) {
    if (n == null) {
      return null;
    }
    Node<T> zero = remove(n.child[0], owner);
    Node<T> one = remove(n.child[1], owner);
    T o = owner.equals(n.owner) ? null : n.owner;
    if (zero == null && one == null && o == null) {
      return null;
    }
    return new Node<>(zero, one, o);
  }

  /**
   * The owner of the longest prefix containing the address of {@code length} bytes (4 or 16) at
   * {@code packet[offset]}, or null.
   */
  public T lookup(byte[] packet, int offset, int length) {
    Node<T> n = length == 4 ? v4 : v6;
    T best = null;
    int depth = 0;
    int max = length * 8;
    while (n != null) {
      if (n.owner != null) {
        best = n.owner;
      }
      if (depth == max) {
        break;
      }
      n = n.child[bitAt(packet, offset, depth)];
      depth++;
    }
    return best;
  }

  /** Every prefix owned by {@code owner}. */
  public List<IpPrefix> prefixesOf(T owner) {
    List<IpPrefix> out = new ArrayList<>();
    collect(v4, new byte[4], 0, owner, out);
    collect(v6, new byte[16], 0, owner, out);
    return out;
  }

  private void collect(Node<T> n, byte[] a, int depth, T owner, List<IpPrefix> out) {
    if (n == null) {
      return;
    }
    if (owner.equals(n.owner)) {
      try {
        out.add(new IpPrefix(java.net.InetAddress.getByAddress(a.clone()), depth));
      } catch (java.net.UnknownHostException e) {
        throw new IllegalStateException(e);
      }
    }
    if (depth == a.length * 8) {
      return;
    }
    collect(n.child[0], a, depth + 1, owner, out);
    a[depth / 8] |= (byte) (0x80 >>> (depth % 8));
    collect(n.child[1], a, depth + 1, owner, out);
    a[depth / 8] &= (byte) ~(0x80 >>> (depth % 8));
  }

  private static int bitAt(byte[] a, int offset, int depth) {
    return (a[offset + (depth >>> 3)] >>> (7 - (depth & 7))) & 1;
  }
}
