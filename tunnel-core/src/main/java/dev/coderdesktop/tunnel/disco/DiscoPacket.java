// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.disco;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.NaclBox;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The disco packet around a sealed message:
 *
 * <pre>
 *   magic "TS💬" (6) ‖ sender's disco public key (32) ‖ nonce (24) ‖ NaCl box (tag 16 ‖ message)
 * </pre>
 *
 * The box is sealed with the shared key of the sender's disco private key and the receiver's disco
 * public key. Stateless.
 */
public final class DiscoPacket {

  /** The 6-byte prefix: "TS" and the speech-balloon emoji, 54 53 f0 9f 92 ac. */
  private static final byte[] MAGIC = "TS💬".getBytes(StandardCharsets.UTF_8);

  /** Magic and sender key. */
  static final int HEADER_LENGTH = 6 + Key.LENGTH;

  /** Bytes a packet adds around its plaintext. */
  public static final int OVERHEAD = HEADER_LENGTH + NaclBox.NONCE_LENGTH + NaclBox.OVERHEAD;

  /** Size of a padded Ping or Pong packet: a 1280-byte inner packet plus WireGuard's 30. */
  public static final int PADDED_PACKET_LENGTH = 1310;

  /** The address a Pong reports for pings that came through DERP (the port is the region). */
  public static final InetAddress DERP_MAGIC_ADDRESS = derpMagic();

  private DiscoPacket() {}

  /** Whether {@code p} starts like a disco packet (and so is not WireGuard). */
  public static boolean looksLikeDisco(byte[] p) {
    return looksLikeDisco(p, p.length);
  }

  /** Whether the first {@code len} bytes of {@code p} start like a disco packet. */
  public static boolean looksLikeDisco(byte[] p, int len) {
    return len >= HEADER_LENGTH + NaclBox.NONCE_LENGTH
        && len <= p.length
        && Arrays.equals(p, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
  }

  /** The sender's disco public key. */
  public static Key sender(byte[] p) throws DiscoFormatException {
    if (!looksLikeDisco(p)) {
      throw new DiscoFormatException("not a disco packet");
    }
    return Key.publicKey(Arrays.copyOfRange(p, MAGIC.length, HEADER_LENGTH));
  }

  /** Seals {@code m} from {@code senderPublic} with the pair's shared key and a 24-byte nonce. */
  public static byte[] seal(Key senderPublic, byte[] sharedKey, byte[] nonce, DiscoMessage m) {
    byte[] box = NaclBox.secretSeal(sharedKey, nonce, m.encode());
    byte[] out = new byte[HEADER_LENGTH + NaclBox.NONCE_LENGTH + box.length];
    System.arraycopy(MAGIC, 0, out, 0, MAGIC.length);
    senderPublic.copyTo(out, MAGIC.length);
    System.arraycopy(nonce, 0, out, HEADER_LENGTH, NaclBox.NONCE_LENGTH);
    System.arraycopy(box, 0, out, HEADER_LENGTH + NaclBox.NONCE_LENGTH, box.length);
    return out;
  }

  /** Opens and parses a packet with the shared key of its sender and us. */
  public static DiscoMessage open(byte[] sharedKey, byte[] p) throws DiscoFormatException {
    if (!looksLikeDisco(p)) {
      throw new DiscoFormatException("not a disco packet");
    }
    byte[] nonce = Arrays.copyOfRange(p, HEADER_LENGTH, HEADER_LENGTH + NaclBox.NONCE_LENGTH);
    byte[] plain =
        NaclBox.secretOpen(
            sharedKey,
            nonce,
            Arrays.copyOfRange(p, HEADER_LENGTH + NaclBox.NONCE_LENGTH, p.length));
    if (plain == null) {
      throw new DiscoFormatException("disco box does not authenticate");
    }
    return DiscoMessage.parse(plain);
  }

  private static InetAddress derpMagic() {
    try {
      return InetAddress.getByAddress(new byte[] {127, 3, 3, 40});
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
