// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The parts of an RFC 1035 query the shim needs (id, flags, the single question), parsed with
 * strict bounds, and the writer for its answers. Immutable.
 *
 * @param id the query id
 * @param flags the query's flags word
 * @param name the question name, lower case, without the trailing dot
 * @param type the question type (28 for AAAA)
 * @param qclass the question class (1 for IN)
 * @param questionEnd offset just past the question in the query
 */
public record DnsMessage(int id, int flags, String name, int type, int qclass, int questionEnd) {

  /** Record type AAAA. */
  public static final int TYPE_AAAA = 28;

  /** Class IN. */
  public static final int CLASS_IN = 1;

  /** Response codes. */
  public static final int NOERROR = 0;

  /** Response codes. */
  public static final int FORMERR = 1;

  /** Response codes. */
  public static final int SERVFAIL = 2;

  /** Response codes. */
  public static final int NXDOMAIN = 3;

  /** Response codes. */
  public static final int REFUSED = 5;

  /** Header length. */
  public static final int HEADER = 12;

  /** A query could not be parsed; {@link #id()} is set when the header was readable. */
  public static final class MalformedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int id;

    MalformedException(int id, String reason) {
      super(reason);
      this.id = id;
    }

    /** The query id, or -1 if even the header was short. */
    public int id() {
      return id;
    }
  }

  /** Parses a query of {@code len} bytes. Only single-question standard queries are accepted. */
  public static DnsMessage parseQuery(byte[] b, int len) throws MalformedException {
    if (len < HEADER) {
      throw new MalformedException(-1, "shorter than a DNS header");
    }
    int id = u16(b, 0);
    int flags = u16(b, 2);
    if ((flags & 0x8000) != 0) {
      throw new MalformedException(id, "not a query");
    }
    if (u16(b, 4) != 1) {
      throw new MalformedException(id, "exactly one question is supported");
    }
    StringBuilder name = new StringBuilder();
    int p = HEADER;
    while (true) {
      if (p >= len) {
        throw new MalformedException(id, "name runs past the end");
      }
      int l = b[p] & 0xff;
      if (l == 0) {
        p++;
        break;
      }
      if ((l & 0xc0) != 0) {
        throw new MalformedException(id, "compressed or extended label in a question");
      }
      if (p + 1 + l > len || name.length() + l + 1 > 255) {
        throw new MalformedException(id, "label runs past the end");
      }
      if (!name.isEmpty()) {
        name.append('.');
      }
      name.append(new String(b, p + 1, l, StandardCharsets.ISO_8859_1));
      p += 1 + l;
    }
    if (p + 4 > len) {
      throw new MalformedException(id, "question type and class missing");
    }
    return new DnsMessage(
        id, flags, name.toString().toLowerCase(Locale.ROOT), u16(b, p), u16(b, p + 2), p + 4);
  }

  /**
   * Writes the response to this query into {@code out}: the question echoed, then one AAAA record
   * per address with the given TTL. Returns its length.
   */
  public int writeResponse(byte[] query, int rcode, byte[][] addresses, int ttl, byte[] out) {
    // QR, the query's opcode and RD, AA (we are the authority for the suffix), no RA.
    int respFlags = 0x8000 | (flags & 0x7900) | 0x0400 | rcode;
    put16(out, 0, id);
    put16(out, 2, respFlags);
    put16(out, 4, 1);
    put16(out, 6, addresses.length);
    put16(out, 8, 0);
    put16(out, 10, 0);
    int qlen = questionEnd - HEADER;
    System.arraycopy(query, HEADER, out, HEADER, qlen);
    int p = questionEnd;
    for (byte[] a : addresses) {
      put16(out, p, 0xc000 | HEADER); // name: pointer to the question
      put16(out, p + 2, TYPE_AAAA);
      put16(out, p + 4, CLASS_IN);
      put16(out, p + 6, ttl >>> 16);
      put16(out, p + 8, ttl & 0xffff);
      put16(out, p + 10, 16);
      System.arraycopy(a, 0, out, p + 12, 16);
      p += 28;
    }
    return p;
  }

  /** A header-only error response for a query whose question could not be parsed. */
  public static int writeError(int id, int rcode, byte[] out) {
    put16(out, 0, id);
    put16(out, 2, 0x8000 | rcode);
    for (int i = 4; i < HEADER; i += 2) {
      put16(out, i, 0);
    }
    return HEADER;
  }

  private static int u16(byte[] b, int off) {
    return ((b[off] & 0xff) << 8) | (b[off + 1] & 0xff);
  }

  private static void put16(byte[] b, int off, int v) {
    b[off] = (byte) (v >>> 8);
    b[off + 1] = (byte) v;
  }
}
