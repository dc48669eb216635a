// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.crypto.ChaChaPoly;
import dev.coderdesktop.tunnel.wireguard.message.Layout;
import dev.coderdesktop.tunnel.wireguard.message.MessageType;
import dev.coderdesktop.tunnel.wireguard.noise.HandshakeException;
import dev.coderdesktop.tunnel.wireguard.tai64n.Tai64n;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Everything the device sends: handshake initiations, keepalives, and encrypted data, plus the
 * staging of packets while no session exists (wireguard-go's {@code send.go}).
 *
 * <p>Thread-safe: callable from the TUN reader, the receiver and timer threads; each thread uses
 * its own scratch buffers and cipher.
 */
final class Sender {

  private static final Logger LOG = Logger.getLogger(Sender.class.getName());

  /** Per-thread buffers and cipher so the data path allocates nothing per packet. */
  private static final class Scratch {
    final ChaChaPoly aead = new ChaChaPoly();
    final byte[] plain = new byte[65536];
    final byte[] out = new byte[65536 + Layout.TRANSPORT_MIN_SIZE];
    final ByteBuffer plainBuf = ByteBuffer.wrap(plain);
    final ByteBuffer outBuf = ByteBuffer.wrap(out);
  }

  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private final Device device;

  Sender(Device device) {
    this.device = device;
  }

  /** Sends an initiation unless one went out less than REKEY_TIMEOUT ago. */
  void sendInitiation(Peer peer, boolean isRetry) {
    if (!isRetry) {
      peer.timers.resetAttempts();
    }
    Endpoint to = peer.endpoint;
    byte[] msg = new byte[Layout.INITIATION_SIZE];
    synchronized (peer.handshake) {
      long now = device.clock.nanoTime();
      if (now - peer.lastSentHandshakeNanos < device.timings.rekeyTimeout().toNanos()) {
        return;
      }
      if (to == null) {
        return;
      }
      peer.lastSentHandshakeNanos = now;
      if (peer.handshake.state()
          != dev.coderdesktop.tunnel.wireguard.noise.Handshake.State.ZEROED) {
        device.indexes.delete(peer.handshake.localIndex());
      }
      int index = device.indexes.newIndexForHandshake(peer);
      try {
        peer.handshake.createInitiation(index, Tai64n.of(device.clock.wallTime()), msg, 0);
      } catch (HandshakeException e) {
        device.indexes.delete(index);
        LOG.log(Level.WARNING, "cannot create an initiation for " + peer + ": " + e.getMessage());
        return;
      }
      peer.cookies.addMacs(msg, 0, msg.length);
    }
    // Timers are armed before the send so that a fast reply cannot be overtaken by them.
    peer.timers.anyAuthenticatedPacketTraversal();
    peer.timers.anyAuthenticatedPacketSent();
    peer.timers.handshakeInitiated();
    send(peer, to, ByteBuffer.wrap(msg));
  }

  /** Sends an empty transport packet, or stages nothing and starts a handshake if no session. */
  void sendKeepalive(Peer peer) {
    synchronized (peer.staged) {
      if (!peer.staged.isEmpty()) {
        // Queued data will do the keepalive's job once the session exists.
        flushStaged(peer);
        return;
      }
    }
    Scratch s = SCRATCH.get();
    if (!encryptAndSend(peer, s, 0)) {
      sendInitiation(peer, false);
    }
  }

  /** Sends one IP packet held in {@code packet[0, len)} to {@code peer}, staging it if needed. */
  void sendData(Peer peer, byte[] packet, int len) {
    Scratch s = SCRATCH.get();
    if (packet != s.plain) {
      System.arraycopy(packet, 0, s.plain, 0, len);
    }
    if (!encryptAndSend(peer, s, len)) {
      stage(peer, s.plain, len);
      sendInitiation(peer, false);
    }
  }

  /** The per-thread plaintext buffer the TUN reader fills, so sendData need not copy. */
  byte[] plainBuffer() {
    return SCRATCH.get().plain;
  }

  private void stage(Peer peer, byte[] packet, int len) {
    synchronized (peer.staged) {
      if (peer.staged.size() >= Peer.MAX_STAGED) {
        peer.staged.pollFirst();
        device.drop(DropReason.STAGED_OVERFLOW);
      }
      peer.staged.addLast(java.util.Arrays.copyOf(packet, len));
    }
  }

  /** Sends every staged packet now that a session may exist. */
  void flushStaged(Peer peer) {
    List<byte[]> packets;
    synchronized (peer.staged) {
      if (peer.staged.isEmpty()) {
        return;
      }
      packets = new ArrayList<>(peer.staged);
      peer.staged.clear();
    }
    for (byte[] p : packets) {
      sendData(peer, p, p.length);
    }
  }

  /**
   * Encrypts {@code s.plain[0, len)} on the current keypair and sends it; false if no usable
   * keypair exists.
   */
  private boolean encryptAndSend(Peer peer, Scratch s, int len) {
    Keypair kp = peer.current;
    Endpoint to = peer.endpoint;
    if (kp == null || to == null) {
      return false;
    }
    long now = device.clock.nanoTime();
    if (now - kp.createdNanos >= device.timings.rejectAfterTime().toNanos()) {
      return false;
    }
    long counter = kp.sendCounter.getAndIncrement();
    if (Long.compareUnsigned(counter, Protocol.REJECT_AFTER_MESSAGES) >= 0) {
      return false;
    }
    int padded = paddedLength(len, device.mtu);
    java.util.Arrays.fill(s.plain, len, padded, (byte) 0);
    byte[] out = s.out;
    Layout.writeHeader(out, 0, MessageType.TRANSPORT);
    Layout.writeInt(out, Layout.RECEIVER_OFFSET, kp.remoteIndex);
    for (int i = 0; i < 8; i++) {
      out[Layout.COUNTER_OFFSET + i] = (byte) (counter >>> (8 * i));
    }
    s.plainBuf.clear().limit(padded);
    s.outBuf.clear().position(Layout.TRANSPORT_HEADER_SIZE);
    int n = s.aead.seal(kp.sendKey, counter, s.plainBuf, s.outBuf);
    s.outBuf.flip();
    // Timers are armed before the send so that a fast reply cannot be overtaken by them.
    peer.timers.anyAuthenticatedPacketTraversal();
    peer.timers.anyAuthenticatedPacketSent();
    if (len > 0) {
      peer.timers.dataSent();
    }
    send(peer, to, s.outBuf);
    assert n == padded + ChaChaPoly.TAG_LENGTH;
    keepKeyFreshSending(peer, kp, counter, now);
    return true;
  }

  private void keepKeyFreshSending(Peer peer, Keypair kp, long counter, long now) {
    // The message limit applies to either side; only the initiator rekeys on age, so that the
    // two ends do not both start a handshake at the same moment.
    if (Long.compareUnsigned(counter, Protocol.REKEY_AFTER_MESSAGES) > 0
        || (kp.initiator && now - kp.createdNanos > device.timings.rekeyAfterTime().toNanos())) {
      sendInitiation(peer, false);
    }
  }

  /** Plaintext length after padding to a multiple of 16, never beyond the MTU. */
  static int paddedLength(int len, int mtu) {
    int padded = (len + Layout.PADDING_MULTIPLE - 1) & ~(Layout.PADDING_MULTIPLE - 1);
    if (len <= mtu && padded > mtu) {
      return mtu;
    }
    return padded;
  }

  void send(Peer peer, Endpoint to, ByteBuffer message) {
    int n = message.remaining();
    try {
      device.bind.send(message, to);
      peer.txBytes.addAndGet(n);
    } catch (IOException e) {
      device.drop(DropReason.SEND_FAILED);
      LOG.log(Level.FINE, "send to " + to + " failed", e);
    }
  }
}
