// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.stun;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A STUN binding request. We send the form tailnet clients send: the header, SOFTWARE {@value
 * #TAILNODE} (8 bytes, so unpadded) and FINGERPRINT, 36 bytes in all. The deployment's STUN server
 * answers only requests with exactly that SOFTWARE value and a valid FINGERPRINT as the last
 * attribute; {@link #fromTailnode()} tells a server of ours whether to answer the same way.
 *
 * @param txId the transaction id the response echoes
 * @param software the SOFTWARE value, or null when there is none
 * @param fingerprinted whether the request ended in a valid FINGERPRINT
 */
public record BindingRequest(TransactionId txId, String software, boolean fingerprinted) {

  /** The SOFTWARE value of tailnet clients. */
  public static final String TAILNODE = "tailnode";

  /** Bytes in the request we send. */
  public static final int LENGTH = StunHeader.LENGTH + 4 + 8 + Fingerprint.ATTRIBUTE_LENGTH;

  /** Validates. */
  public BindingRequest {
    Objects.requireNonNull(txId, "txId");
  }

  /** The request a tailnet client sends, with transaction id {@code txId}. */
  public static byte[] encode(TransactionId txId) {
    byte[] b = new byte[LENGTH];
    StunHeader.write(b, StunHeader.BINDING_REQUEST, LENGTH - StunHeader.LENGTH, txId);
    int at = StunHeader.LENGTH;
    StunHeader.putU16(b, at, StunHeader.ATTR_SOFTWARE);
    StunHeader.putU16(b, at + 2, TAILNODE.length());
    byte[] sw = TAILNODE.getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(sw, 0, b, at + 4, sw.length);
    Fingerprint.append(b, at + 4 + sw.length);
    return b;
  }

  /**
   * Parses a binding request. A FINGERPRINT, when present, must be last and valid; other attributes
   * (PRIORITY, USERNAME, MESSAGE-INTEGRITY, ...) are skipped unchecked.
   */
  public static BindingRequest parse(byte[] b) throws StunFormatException {
    TransactionId tx =
        StunHeader.checkedTxId(b, StunHeader.BINDING_REQUEST, "not a binding request");
    String[] software = {null};
    boolean[] fingerprint = {false};
    StunHeader.forEachAttribute(
        b,
        (type, off, length) -> {
          if (type == StunHeader.ATTR_SOFTWARE) {
            software[0] = new String(b, off, length, StandardCharsets.UTF_8);
          } else if (type == StunHeader.ATTR_FINGERPRINT) {
            fingerprint[0] = true;
          }
        });
    return new BindingRequest(tx, software[0], fingerprint[0]);
  }

  /**
   * Whether a tailnet STUN server would answer this request: SOFTWARE {@value #TAILNODE} and a
   * FINGERPRINT.
   */
  public boolean fromTailnode() {
    return TAILNODE.equals(software) && fingerprinted;
  }
}
