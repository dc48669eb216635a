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
      // Under the handshake lock, which removal also takes to zero the peer's keys: an index made
      // here for a peer that is gone (a timer that fired as it went) would never be freed.
      if (to == null || !device.isActive(peer)) {
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

  /**
   * Sends a batch read from the TUN device: packet {@code i} is {@code bufs[i][16, 16+sizes[i])},
   * with room for padding and the tag after it. Each packet is routed and numbered in order, the
   * batch is encrypted in place on every core, and each run of packets to one peer leaves in one
   * call, in order. Packets for peers without a session are staged as {@link #sendData} does.
   */
  void sendBatch(byte[][] bufs, int[] sizes, int count, CryptoBatch b) {
    int jobs = 0;
    long now = device.clock.nanoTime();
    long rejectAfter = device.timings.rejectAfterTime().toNanos();
    for (int i = 0; i < count; i++) {
      byte[] p = bufs[i];
      int len = sizes[i];
      Peer peer = device.route(p, Layout.TRANSPORT_HEADER_SIZE, len);
      if (peer == null) {
        continue;
      }
      Keypair kp = peer.current;
      Endpoint to = peer.endpoint;
      long counter = -1;
      if (kp != null && to != null && now - kp.createdNanos < rejectAfter) {
        counter = kp.sendCounter.getAndIncrement();
      }
      if (counter < 0 || Long.compareUnsigned(counter, Protocol.REJECT_AFTER_MESSAGES) >= 0) {
        stage(
            peer,
            java.util.Arrays.copyOfRange(
                p, Layout.TRANSPORT_HEADER_SIZE, Layout.TRANSPORT_HEADER_SIZE + len),
            len);
        sendInitiation(peer, false);
        continue;
      }
      int padded = paddedLength(len, device.mtu);
      if (Layout.TRANSPORT_HEADER_SIZE + padded + ChaChaPoly.TAG_LENGTH > p.length) {
        device.drop(DropReason.SEND_FAILED);
        continue;
      }
      java.util.Arrays.fill(
          p, Layout.TRANSPORT_HEADER_SIZE + len, Layout.TRANSPORT_HEADER_SIZE + padded, (byte) 0);
      Layout.writeHeader(p, 0, MessageType.TRANSPORT);
      Layout.writeInt(p, Layout.RECEIVER_OFFSET, kp.remoteIndex);
      for (int k = 0; k < 8; k++) {
        p[Layout.COUNTER_OFFSET + k] = (byte) (counter >>> (8 * k));
      }
      b.index[jobs] = i;
      b.keypairs[jobs] = kp;
      b.counters[jobs] = counter;
      b.lengths[jobs] = padded;
      b.to[jobs] = to;
      jobs++;
    }
    device.crypto.run(jobs, j -> seal(b, bufs, j));
    int j = 0;
    while (j < jobs) {
      Keypair kp = b.keypairs[j];
      Endpoint to = b.to[j];
      int n = 0;
      long bytes = 0;
      while (j + n < jobs && b.keypairs[j + n].peer == kp.peer && b.to[j + n] == to) {
        b.run[n] = bufs[b.index[j + n]];
        b.runSizes[n] = b.lengths[j + n];
        bytes += b.lengths[j + n];
        n++;
      }
      Peer peer = kp.peer;
      long lastCounter = b.counters[j + n - 1];
      Keypair lastKp = b.keypairs[j + n - 1];
      // Timers are armed before the send so that a fast reply cannot be overtaken by them.
      peer.timers.anyAuthenticatedPacketTraversal();
      peer.timers.anyAuthenticatedPacketSent();
      peer.timers.dataSent();
      try {
        device.bind.sendBatch(b.run, 0, b.runSizes, n, to);
        peer.txBytes.addAndGet(bytes);
      } catch (IOException e) {
        device.drop(DropReason.SEND_FAILED);
        LOG.log(Level.FINE, "send to " + to + " failed", e);
      }
      keepKeyFreshSending(peer, lastKp, lastCounter, now);
      j += n;
    }
    b.clear(jobs);
  }

  /** Encrypts job {@code j} of {@code b} in place; its length becomes the message's. */
  private static void seal(CryptoBatch b, byte[][] bufs, int j) {
    b.lengths[j] =
        Layout.TRANSPORT_HEADER_SIZE
            + ChaChaPoly.forThisThread()
                .sealInPlace(
                    b.keypairs[j].sendKey,
                    b.counters[j],
                    bufs[b.index[j]],
                    Layout.TRANSPORT_HEADER_SIZE,
                    b.lengths[j]);
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
