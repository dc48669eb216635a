// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.cookie;

import dev.coderdesktop.tunnel.crypto.Blake2s;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.XChaChaPoly;
import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.wireguard.message.Layout;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The initiator side of WireGuard's DoS protection for one peer: fills mac1 (and mac2 while a
 * cookie from that peer is fresh) on outgoing handshake messages and accepts cookie replies.
 * Thread-safe.
 */
public final class CookieGenerator {

  private final Clock clock;
  private final MacKeys keys;

  // Guarded by this.
  private byte[] cookie;
  private long cookieSetNanos;
  private byte[] lastMac1;

  /** A generator for messages to the peer whose static key is {@code remotePublic}. */
  public CookieGenerator(Key remotePublic, Clock clock) {
    this.keys = new MacKeys(remotePublic);
    this.clock = clock;
  }

  /** Fills mac1 and mac2 of the handshake message {@code msg[off, off+len)}. */
  public synchronized void addMacs(byte[] msg, int off, int len) {
    int m1 = MacKeys.mac1Offset(len);
    byte[] mac1 = Blake2s.mac(keys.mac1Key, msg, off, m1);
    System.arraycopy(mac1, 0, msg, off + m1, mac1.length);
    lastMac1 = mac1;
    int m2 = MacKeys.mac2Offset(len);
    if (cookie == null
        || clock.since(cookieSetNanos).compareTo(CookieChecker.COOKIE_REFRESH_TIME) > 0) {
      Arrays.fill(msg, off + m2, off + len, (byte) 0);
      return;
    }
    byte[] mac2 = Blake2s.mac(cookie, msg, off, m2);
    System.arraycopy(mac2, 0, msg, off + m2, mac2.length);
  }

  /**
   * Decrypts a cookie reply to our last handshake message and keeps the cookie; returns false if it
   * does not authenticate or answers nothing we sent.
   */
  public synchronized boolean consumeReply(byte[] reply, int off, int len) {
    if (len != Layout.COOKIE_REPLY_SIZE || lastMac1 == null) {
      return false;
    }
    byte[] nonce =
        Arrays.copyOfRange(
            reply,
            off + Layout.COOKIE_NONCE_OFFSET,
            off + Layout.COOKIE_NONCE_OFFSET + XChaChaPoly.NONCE_LENGTH);
    byte[] sealed =
        Arrays.copyOfRange(reply, off + Layout.COOKIE_OFFSET, off + Layout.COOKIE_REPLY_SIZE);
    try {
      cookie = XChaChaPoly.open(keys.cookieKey, nonce, sealed, lastMac1);
    } catch (AEADBadTagException e) {
      return false;
    }
    cookieSetNanos = clock.nanoTime();
    lastMac1 = null;
    return true;
  }
}
