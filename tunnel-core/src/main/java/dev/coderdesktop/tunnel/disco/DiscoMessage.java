// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import dev.coderdesktop.tunnel.crypto.Key;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The plaintext inside a disco box: a type byte, a version byte, then the type's payload. Ping and
 * Pong are sent as version 1, zero-padded so that the whole packet is {@value
 * DiscoPacket#PADDED_PACKET_LENGTH} bytes (the size of a full WireGuard packet, so that a path that
 * carries them carries data too); CallMeMaybe is version 0 and unpadded. Parsing is lax about
 * versions and trailing bytes, so older unpadded senders interoperate. Values are immutable.
 */
public sealed interface DiscoMessage {

  /** Type byte of a Ping. */
  int TYPE_PING = 0x01;

  /** Type byte of a Pong. */
  int TYPE_PONG = 0x02;

  /** Type byte of a CallMeMaybe. */
  int TYPE_CALL_ME_MAYBE = 0x03;

  /** Bytes of payload after type and version in a padded Ping or Pong. */
  int PADDED_PAYLOAD_LENGTH = DiscoPacket.PADDED_PACKET_LENGTH - DiscoPacket.OVERHEAD - 2; // 1230

  /** The plaintext form. */
  byte[] encode();

  /**
   * "Are you there?" A peer answers with a {@link Pong} carrying the same id.
   *
   * @param txId the transaction id
   * @param nodeKey the sender's node key, or null (old senders leave it out)
   */
  record Ping(TxId txId, Key nodeKey) implements DiscoMessage {
    /** Validates. */
    public Ping {
      Objects.requireNonNull(txId, "txId");
    }

    @Override
    public byte[] encode() {
      byte[] b = header(TYPE_PING, 1, PADDED_PAYLOAD_LENGTH);
      txId.copyTo(b, 2);
      if (nodeKey != null) {
        nodeKey.copyTo(b, 2 + TxId.LENGTH);
      }
      return b;
    }
  }

  /**
   * The answer to a {@link Ping}.
   *
   * @param txId the ping's transaction id
   * @param source where the ping came from: a UDP address, or for pings over DERP the magic address
   *     {@code 127.3.3.40} with the relay's region id as the port
   */
  record Pong(TxId txId, InetSocketAddress source) implements DiscoMessage {
    /** Validates. */
    public Pong {
      Objects.requireNonNull(txId, "txId");
      Objects.requireNonNull(source, "source");
      if (source.getAddress() == null) {
        throw new IllegalArgumentException("a pong's source is an address, not a name");
      }
    }

    @Override
    public byte[] encode() {
      byte[] b = header(TYPE_PONG, 1, PADDED_PAYLOAD_LENGTH);
      txId.copyTo(b, 2);
      putEndpoint(b, 2 + TxId.LENGTH, source);
      return b;
    }

    /** Whether the ping travelled through a DERP relay rather than a direct path. */
    public boolean viaDerp() {
      return DiscoPacket.DERP_MAGIC_ADDRESS.equals(source.getAddress());
    }
  }

  /**
   * "Try these direct endpoints of mine." Sent only over DERP.
   *
   * @param endpoints the sender's UDP endpoints (may be empty)
   */
  record CallMeMaybe(List<InetSocketAddress> endpoints) implements DiscoMessage {
    /** Copies. */
    public CallMeMaybe {
      endpoints = List.copyOf(endpoints);
    }

    @Override
    public byte[] encode() {
      byte[] b = header(TYPE_CALL_ME_MAYBE, 0, ENDPOINT_LENGTH * endpoints.size());
      for (int i = 0; i < endpoints.size(); i++) {
        putEndpoint(b, 2 + ENDPOINT_LENGTH * i, endpoints.get(i));
      }
      return b;
    }
  }

  /** An IP (16 bytes, IPv4 as ::ffff:a.b.c.d) and a big-endian port. */
  int ENDPOINT_LENGTH = 18;

  /** Parses a plaintext; unknown types and short payloads are errors. */
  static DiscoMessage parse(byte[] plain) throws DiscoFormatException {
    if (plain.length < 2) {
      throw new DiscoFormatException("disco message shorter than its header");
    }
    int type = plain[0] & 0xff;
    int version = plain[1] & 0xff;
    int len = plain.length - 2;
    switch (type) {
      case TYPE_PING -> {
        if (len < TxId.LENGTH) {
          throw new DiscoFormatException("ping shorter than a transaction id");
        }
        Key node = null;
        if (len >= TxId.LENGTH + Key.LENGTH) {
          byte[] k = Arrays.copyOfRange(plain, 2 + TxId.LENGTH, 2 + TxId.LENGTH + Key.LENGTH);
          Key parsed = Key.publicKey(k);
          node = parsed.isZero() ? null : parsed;
        }
        return new Ping(TxId.of(plain, 2), node);
      }
      case TYPE_PONG -> {
        if (len < TxId.LENGTH + ENDPOINT_LENGTH) {
          throw new DiscoFormatException("pong shorter than id and source");
        }
        return new Pong(TxId.of(plain, 2), endpoint(plain, 2 + TxId.LENGTH));
      }
      case TYPE_CALL_ME_MAYBE -> {
        // Like the reference parser: anything but a whole number of endpoints in version 0 is an
        // empty list rather than an error.
        List<InetSocketAddress> eps = new ArrayList<>();
        if (version == 0 && len > 0 && len % ENDPOINT_LENGTH == 0) {
          for (int off = 2; off < plain.length; off += ENDPOINT_LENGTH) {
            eps.add(endpoint(plain, off));
          }
        }
        return new CallMeMaybe(eps);
      }
      default -> throw new DiscoFormatException("unknown disco message type " + type);
    }
  }

  private static byte[] header(int type, int version, int payload) {
    byte[] b = new byte[2 + payload];
    b[0] = (byte) type;
    b[1] = (byte) version;
    return b;
  }

  private static void putEndpoint(byte[] b, int off, InetSocketAddress ep) {
    byte[] ip = ep.getAddress().getAddress();
    if (ep.getAddress() instanceof Inet4Address) {
      b[off + 10] = (byte) 0xff;
      b[off + 11] = (byte) 0xff;
      System.arraycopy(ip, 0, b, off + 12, 4);
    } else {
      System.arraycopy(ip, 0, b, off, 16);
    }
    b[off + 16] = (byte) (ep.getPort() >>> 8);
    b[off + 17] = (byte) ep.getPort();
  }

  private static InetSocketAddress endpoint(byte[] b, int off) {
    try {
      // A v4-mapped address comes back as an Inet4Address, as the reference unmaps it.
      InetAddress ip = InetAddress.getByAddress(Arrays.copyOfRange(b, off, off + 16));
      return new InetSocketAddress(ip, (b[off + 16] & 0xff) << 8 | (b[off + 17] & 0xff));
    } catch (UnknownHostException e) {
      throw new IllegalStateException("16 bytes are always an address", e);
    }
  }
}
