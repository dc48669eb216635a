// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.route;

import dev.coderdesktop.tunnel.wireguard.config.IpPrefix;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The cryptokey routing table: maps IPv4 and IPv6 prefixes to owners (peers) and finds the owner of
 * the longest prefix containing an address. Inserting a prefix that is already present replaces its
 * owner, as in wireguard-go's allowed-IPs table; owners compare by identity.
 *
 * <p>Thread-safe. Each family is a persistent binary trie behind a volatile root: writers (rare,
 * serialised on this object) copy the path they change, so lookups on the data path take no lock
 * and allocate nothing.
 */
public final class AllowedIps<T> {

  /** An immutable trie node; {@code owner} is non-null where a prefix ends. */
  private record Node<T>(T owner, IpPrefix prefix, Node<T> zero, Node<T> one) {
    Node<T> child(int bit) {
      return bit == 0 ? zero : one;
    }

    Node<T> with(int bit, Node<T> c) {
      return bit == 0 ? new Node<>(owner, prefix, c, one) : new Node<>(owner, prefix, zero, c);
    }

    boolean empty() {
      return owner == null && zero == null && one == null;
    }
  }

  private volatile Node<T> root4;
  private volatile Node<T> root6;

  /** Maps {@code prefix} to {@code owner}, replacing any previous owner of that exact prefix. */
  public synchronized void insert(IpPrefix prefix, T owner) {
    if (owner == null) {
      throw new NullPointerException("owner");
    }
    Node<T> root = insert(rootOf(prefix), prefix, 0, owner);
    setRoot(prefix.isIpv6(), root);
  }

  private Node<T> insert(Node<T> n, IpPrefix prefix, int depth, T owner) {
    if (n == null) {
      n = new Node<>(null, null, null, null);
    }
    if (depth == prefix.bits()) {
      return new Node<>(owner, prefix, n.zero, n.one);
    }
    int b = prefix.bit(depth);
    return n.with(b, insert(n.child(b), prefix, depth + 1, owner));
  }

  /** Removes the exact {@code prefix}; returns whether it was present. */
  public synchronized boolean remove(IpPrefix prefix) {
    Node<T> n = rootOf(prefix);
    for (int i = 0; i < prefix.bits() && n != null; i++) {
      n = n.child(prefix.bit(i));
    }
    if (n == null || n.owner == null) {
      return false;
    }
    setRoot(prefix.isIpv6(), remove(rootOf(prefix), prefix, 0));
    return true;
  }

  private Node<T> remove(Node<T> n, IpPrefix prefix, int depth) {
    Node<T> out;
    if (depth == prefix.bits()) {
      out = new Node<>(null, null, n.zero, n.one);
    } else {
      int b = prefix.bit(depth);
      out = n.with(b, remove(n.child(b), prefix, depth + 1));
    }
    return out.empty() ? null : out;
  }

  /** Removes every prefix owned by {@code owner}. */
  public synchronized void removeByPeer(T owner) {
    root4 = removeOwner(root4, owner);
    root6 = removeOwner(root6, owner);
  }

  private Node<T> removeOwner(Node<T> n, T owner) {
    if (n == null) {
      return null;
    }
    Node<T> z = removeOwner(n.zero, owner);
    Node<T> o = removeOwner(n.one, owner);
    boolean drop = n.owner == owner;
    if (!drop && z == n.zero && o == n.one) {
      return n;
    }
    Node<T> out = new Node<>(drop ? null : n.owner, drop ? null : n.prefix, z, o);
    return out.empty() ? null : out;
  }

  /** Removes everything. */
  public synchronized void clear() {
    root4 = null;
    root6 = null;
  }

  /** The prefixes owned by {@code owner}, IPv4 first, each family in trie order. */
  public List<IpPrefix> prefixesOf(T owner) {
    List<IpPrefix> out = new ArrayList<>();
    collect(root4, owner, out);
    collect(root6, owner, out);
    return out;
  }

  private void collect(Node<T> n, T owner, List<IpPrefix> out) {
    if (n == null) {
      return;
    }
    if (n.owner == owner && owner != null) {
      out.add(n.prefix);
    }
    collect(n.zero, owner, out);
    collect(n.one, owner, out);
  }

  /** The owner of the longest prefix containing the 4- or 16-byte {@code address}, or null. */
  public T lookup(byte[] address) {
    if (address.length == 4) {
      return lookup(root4, address, 0, 32);
    }
    if (address.length == 16) {
      return lookup(root6, address, 0, 128);
    }
    return null;
  }

  /** Looks up the IPv4 address stored at {@code buf[offset..offset+4)}; absolute, no allocation. */
  public T lookupIpv4(ByteBuffer buf, int offset) {
    return lookup(root4, buf, offset, 32);
  }

  /**
   * Looks up the IPv6 address stored at {@code buf[offset..offset+16)}; absolute, no allocation.
   */
  public T lookupIpv6(ByteBuffer buf, int offset) {
    return lookup(root6, buf, offset, 128);
  }

  private static <T> T lookup(Node<T> n, byte[] a, int off, int maxBits) {
    T best = null;
    for (int i = 0; n != null; i++) {
      if (n.owner != null) {
        best = n.owner;
      }
      if (i == maxBits) {
        break;
      }
      n = n.child((a[off + (i >>> 3)] >>> (7 - (i & 7))) & 1);
    }
    return best;
  }

  private static <T> T lookup(Node<T> n, ByteBuffer a, int off, int maxBits) {
    T best = null;
    for (int i = 0; n != null; i++) {
      if (n.owner != null) {
        best = n.owner;
      }
      if (i == maxBits) {
        break;
      }
      n = n.child((a.get(off + (i >>> 3)) >>> (7 - (i & 7))) & 1);
    }
    return best;
  }

  private Node<T> rootOf(IpPrefix p) {
    return p.isIpv6() ? root6 : root4;
  }

  private void setRoot(boolean v6, Node<T> root) {
    if (v6) {
      root6 = root;
    } else {
      root4 = root;
    }
  }
}
