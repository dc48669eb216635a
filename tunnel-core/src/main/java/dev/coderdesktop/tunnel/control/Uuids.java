// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import com.google.protobuf.ByteString;
import java.nio.ByteBuffer;
import java.util.UUID;

/** UUIDs as the tailnet API carries them: 16 raw bytes in RFC 4122 order. Stateless. */
public final class Uuids {

  private Uuids() {}

  /** The 16 bytes of {@code id}. */
  public static ByteString toBytes(UUID id) {
    return ByteString.copyFrom(
        ByteBuffer.allocate(16)
            .putLong(id.getMostSignificantBits())
            .putLong(id.getLeastSignificantBits())
            .array());
  }

  /** The UUID in {@code b}; throws {@link IllegalArgumentException} unless it is 16 bytes. */
  public static UUID fromBytes(ByteString b) {
    if (b.size() != 16) {
      throw new IllegalArgumentException("a UUID is 16 bytes, got " + b.size());
    }
    ByteBuffer buf = b.asReadOnlyByteBuffer();
    return new UUID(buf.getLong(), buf.getLong());
  }
}
