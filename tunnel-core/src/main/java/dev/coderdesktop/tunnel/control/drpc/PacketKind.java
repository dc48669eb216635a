// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.drpc;

/** dRPC packet kinds, numbered as on the wire (storj.io/drpc drpcwire). */
public enum PacketKind {
  /** Starts an RPC; the body is the method name. */
  INVOKE(1),
  /** One protobuf message. */
  MESSAGE(2),
  /** An error: 8-byte big-endian code, then text. */
  ERROR(3),
  /** Soft cancel (sent with the control bit). */
  CANCEL(4),
  /** The stream is finished. */
  CLOSE(5),
  /** The sender will send nothing more. */
  CLOSE_SEND(6),
  /** Metadata sent before an Invoke. */
  INVOKE_METADATA(7);

  private final int wire;

  PacketKind(int wire) {
    this.wire = wire;
  }

  /** The kind's number on the wire. */
  public int wire() {
    return wire;
  }

  /** The kind for a wire number, or null for one this version does not know. */
  public static PacketKind of(int wire) {
    for (PacketKind k : values()) {
      if (k.wire == wire) {
        return k;
      }
    }
    return null;
  }
}
