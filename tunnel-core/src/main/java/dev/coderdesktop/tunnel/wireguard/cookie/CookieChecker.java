// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.cookie;

import dev.coderdesktop.tunnel.crypto.Blake2s;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.XChaChaPoly;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.wireguard.message.Layout;
import dev.coderdesktop.tunnel.wireguard.message.MessageType;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

/**
 * The responder side of WireGuard's DoS protection: verifies mac1 on every handshake message,
 * verifies mac2 when under load, and writes cookie replies bound to the sender's address. The
 * cookie secret rotates every two minutes. Thread-safe.
 */
public final class CookieChecker {

  /** How long a cookie secret (and a cookie) stays valid. */
  public static final Duration COOKIE_REFRESH_TIME = Duration.ofSeconds(120);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Clock clock;
  private final MacKeys keys;

  // Guarded by this.
  private final byte[] secret = new byte[32];
  private long secretSetNanos;
  private boolean secretSet;

  /** A checker for messages addressed to {@code localPublic}. */
  public CookieChecker(Key localPublic, Clock clock) {
    this.keys = new MacKeys(localPublic);
    this.clock = clock;
  }

  /** Whether mac1 of the handshake message {@code msg[off, off+len)} is valid. */
  public boolean checkMac1(byte[] msg, int off, int len) {
    int m1 = MacKeys.mac1Offset(len);
    byte[] mac = Blake2s.mac(keys.mac1Key, msg, off, m1);
    return MacKeys.equalsAt(mac, msg, off + m1);
  }

  /** Whether mac2 is valid for a sender at {@code source} (address bytes then port). */
  public boolean checkMac2(byte[] msg, int off, int len, byte[] source) {
    byte[] cookie;
    synchronized (this) {
      if (!secretSet || clock.since(secretSetNanos).compareTo(COOKIE_REFRESH_TIME) > 0) {
        return false;
      }
      cookie = Blake2s.mac(secret, source, 0, source.length);
    }
    int m2 = MacKeys.mac2Offset(len);
    byte[] mac = Blake2s.mac(cookie, msg, off, m2);
    return MacKeys.equalsAt(mac, msg, off + m2);
  }

  /**
   * Writes a 64-byte cookie reply to the handshake message {@code msg} at {@code out[outOff]},
   * addressed to {@code receiverIndex} (the message's sender index).
   */
  public void createReply(
      byte[] msg, int off, int len, int receiverIndex, byte[] source, byte[] out, int outOff) {
    byte[] cookie;
    synchronized (this) {
      if (!secretSet || clock.since(secretSetNanos).compareTo(COOKIE_REFRESH_TIME) > 0) {
        RANDOM.nextBytes(secret);
        secretSetNanos = clock.nanoTime();
        secretSet = true;
      }
      cookie = Blake2s.mac(secret, source, 0, source.length);
    }
    byte[] nonce = new byte[XChaChaPoly.NONCE_LENGTH];
    RANDOM.nextBytes(nonce);
    int m1 = off + MacKeys.mac1Offset(len);
    byte[] mac1 = Arrays.copyOfRange(msg, m1, m1 + Blake2s.MAC_LENGTH);
    byte[] sealed = XChaChaPoly.seal(keys.cookieKey, nonce, cookie, mac1);
    Arrays.fill(out, outOff, outOff + Layout.COOKIE_REPLY_SIZE, (byte) 0);
    Layout.writeHeader(out, outOff, MessageType.COOKIE_REPLY);
    Layout.writeInt(out, outOff + Layout.RECEIVER_OFFSET, receiverIndex);
    System.arraycopy(nonce, 0, out, outOff + Layout.COOKIE_NONCE_OFFSET, nonce.length);
    System.arraycopy(sealed, 0, out, outOff + Layout.COOKIE_OFFSET, sealed.length);
  }
}
