// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import dev.coderdesktop.tunnel.stun.StunFormatException.Reason;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * A STUN binding success response: the address and port the server saw the request come from. We
 * encode it as the tailnet's STUN server does (the header and one XOR-MAPPED-ADDRESS, no
 * FINGERPRINT). Parsing takes XOR-MAPPED-ADDRESS (also under 0x8020), falls back to the RFC 3489
 * MAPPED-ADDRESS, and checks a FINGERPRINT when there is one.
 *
 * @param txId the request's transaction id
 * @param mapped the reflexive address; an IPv4-mapped IPv6 address is given as IPv4
 */
public record BindingResponse(TransactionId txId, InetSocketAddress mapped) {

  /** Validates. */
  public BindingResponse {
    Objects.requireNonNull(txId, "txId");
    Objects.requireNonNull(mapped, "mapped");
    if (mapped.getAddress() == null) {
      throw new IllegalArgumentException("a mapped address is an IP, not a name");
    }
  }

  /** The response bytes. */
  public byte[] encode() {
    int valueLength = XorAddress.valueLength(mapped.getAddress());
    int bodyLength = 4 + valueLength;
    byte[] b = new byte[StunHeader.LENGTH + bodyLength];
    StunHeader.write(b, StunHeader.BINDING_SUCCESS, bodyLength, txId);
    StunHeader.putU16(b, StunHeader.LENGTH, StunHeader.ATTR_XOR_MAPPED_ADDRESS);
    StunHeader.putU16(b, StunHeader.LENGTH + 2, valueLength);
    XorAddress.write(b, StunHeader.LENGTH + 4, mapped, txId);
    return b;
  }

  /** Parses a binding success response. */
  public static BindingResponse parse(byte[] b) throws StunFormatException {
    TransactionId tx =
        StunHeader.checkedTxId(b, StunHeader.BINDING_SUCCESS, "not a binding success response");
    InetSocketAddress[] found = new InetSocketAddress[2]; // XOR form, plain form
    StunHeader.forEachAttribute(
        b,
        (type, off, length) -> {
          switch (type) {
            case StunHeader.ATTR_XOR_MAPPED_ADDRESS, StunHeader.ATTR_XOR_MAPPED_ADDRESS_ALT ->
                found[0] = XorAddress.read(b, off, length, tx, true);
            case StunHeader.ATTR_MAPPED_ADDRESS ->
                found[1] = XorAddress.read(b, off, length, tx, false);
            default -> {
              // FINGERPRINT (checked by the walk), comprehension-optional and unknown attributes
              // carry nothing we need.
            }
          }
        });
    InetSocketAddress mapped = found[0] != null ? found[0] : found[1];
    if (mapped == null) {
      throw new StunFormatException(Reason.NO_ADDRESS, "no (XOR-)MAPPED-ADDRESS");
    }
    return new BindingResponse(tx, mapped);
  }
}
