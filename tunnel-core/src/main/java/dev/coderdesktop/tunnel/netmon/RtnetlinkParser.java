// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.netmon;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes rtnetlink datagrams (netlink headers in host byte order, then ifinfomsg, ifaddrmsg or
 * rtmsg with attributes) into the {@link RouteChange}s that matter: link and address changes, and
 * default routes in the main table; routes to anything narrower are ours or nobody's business.
 * Malformed or truncated input yields what could be read, never an exception. Stateless.
 */
final class RtnetlinkParser {

  static final int RTM_NEWLINK = 16;
  static final int RTM_DELLINK = 17;
  static final int RTM_NEWADDR = 20;
  static final int RTM_DELADDR = 21;
  static final int RTM_NEWROUTE = 24;
  static final int RTM_DELROUTE = 25;
  static final int IFF_LOOPBACK = 0x8;
  static final int RT_TABLE_MAIN = 254;
  static final int RTA_OIF = 4;
  static final int RTA_TABLE = 15;
  private static final int NLMSG_HDRLEN = 16;

  private RtnetlinkParser() {}

  /** The changes in one datagram. */
  static List<RouteChange> parse(ByteBuffer datagram) {
    ByteBuffer b = datagram.duplicate().order(ByteOrder.nativeOrder());
    List<RouteChange> out = new ArrayList<>();
    int base = b.position();
    int end = b.limit();
    while (end - base >= NLMSG_HDRLEN) {
      int len = b.getInt(base);
      int type = Short.toUnsignedInt(b.getShort(base + 4));
      if (len < NLMSG_HDRLEN || len > end - base) {
        break;
      }
      int body = base + NLMSG_HDRLEN;
      int bodyLen = len - NLMSG_HDRLEN;
      RouteChange c = decode(b, type, body, bodyLen);
      if (c != null) {
        out.add(c);
      }
      base += (len + 3) & ~3;
    }
    return out;
  }

  private static RouteChange decode(ByteBuffer b, int type, int at, int len) {
    switch (type) {
      case RTM_NEWLINK, RTM_DELLINK -> {
        if (len < 16) {
          return null;
        }
        int index = b.getInt(at + 4);
        int flags = b.getInt(at + 8);
        if ((flags & IFF_LOOPBACK) != 0) {
          return null;
        }
        String what =
            type == RTM_NEWLINK ? "link " + index + " changed" : "link " + index + " gone";
        return new RouteChange(RouteChange.Kind.LINK, index, what);
      }
      case RTM_NEWADDR, RTM_DELADDR -> {
        if (len < 8) {
          return null;
        }
        int index = b.getInt(at + 4);
        String what = (type == RTM_NEWADDR ? "address added on " : "address removed from ") + index;
        return new RouteChange(RouteChange.Kind.ADDRESS, index, what);
      }
      case RTM_NEWROUTE, RTM_DELROUTE -> {
        if (len < 12) {
          return null;
        }
        int dstLen = Byte.toUnsignedInt(b.get(at + 1));
        int table = Byte.toUnsignedInt(b.get(at + 4));
        int oif = 0;
        for (int a = at + 12; a + 4 <= at + len; ) {
          int alen = Short.toUnsignedInt(b.getShort(a));
          int atype = Short.toUnsignedInt(b.getShort(a + 2)) & 0x3fff;
          if (alen < 4 || a + alen > at + len) {
            break;
          }
          if (atype == RTA_OIF && alen >= 8) {
            oif = b.getInt(a + 4);
          } else if (atype == RTA_TABLE && alen >= 8) {
            table = b.getInt(a + 4);
          }
          a += (alen + 3) & ~3;
        }
        if (dstLen != 0 || table != RT_TABLE_MAIN) {
          return null;
        }
        String what = (type == RTM_NEWROUTE ? "default route added" : "default route removed");
        return new RouteChange(RouteChange.Kind.DEFAULT_ROUTE, oif, what + " (link " + oif + ")");
      }
      default -> {
        return null;
      }
    }
  }
}
