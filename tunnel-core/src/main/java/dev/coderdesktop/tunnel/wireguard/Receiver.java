// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard;

import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.bind.UdpEndpoint;
import dev.coderdesktop.tunnel.crypto.ChaChaPoly;
import dev.coderdesktop.tunnel.wireguard.message.Layout;
import dev.coderdesktop.tunnel.wireguard.message.MessageType;
import dev.coderdesktop.tunnel.wireguard.noise.Handshake;
import dev.coderdesktop.tunnel.wireguard.noise.HandshakeException;
import dev.coderdesktop.tunnel.wireguard.noise.InitiationResult;
import dev.coderdesktop.tunnel.wireguard.noise.SessionKeys;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.crypto.AEADBadTagException;

/**
 * Everything the device receives (wireguard-go's {@code receive.go}): dispatch by message type, the
 * cookie checks, handshake processing, and decryption of transport data onto the TUN device. Every
 * bad packet is dropped and counted; nothing escapes {@link #handle}.
 *
 * <p>Not thread-safe: each of the device's receive threads owns one. What they share (peers,
 * keypairs, the index table) is guarded where it lives.
 */
final class Receiver {

  private static final Logger LOG = Logger.getLogger(Receiver.class.getName());

  private final Device device;
  private final byte[] reply = new byte[Layout.RESPONSE_SIZE];
  private final CryptoBatch batch = new CryptoBatch(Device.BATCH);

  Receiver(Device device) {
    this.device = device;
  }

  /**
   * Processes datagrams {@code bufs[i][0, sizes[i])} from {@code from[i]}, {@code i < count}, in
   * order. Runs of transport messages are decrypted in place on every core, then checked against
   * the replay window and delivered in order in one TUN write; any other message is handled between
   * them, so a handshake reply is in force for the transport messages after it.
   */
  void handleBatch(byte[][] bufs, int[] sizes, Endpoint[] from, int count) {
    int pending = 0;
    long now = device.clock.nanoTime();
    for (int i = 0; i < count; i++) {
      byte[] msg = bufs[i];
      int len = sizes[i];
      if (Layout.type(msg, 0, len) != MessageType.TRANSPORT) {
        if (pending > 0) {
          transport(bufs, sizes, from, pending);
          pending = 0;
        }
        handle(msg, len, from[i]);
        continue;
      }
      Keypair kp = transportKeypair(msg, len, now);
      if (kp != null) {
        long counter = 0;
        for (int k = 7; k >= 0; k--) {
          counter = (counter << 8) | (msg[Layout.COUNTER_OFFSET + k] & 0xff);
        }
        batch.index[pending] = i;
        batch.keypairs[pending] = kp;
        batch.counters[pending] = counter;
        pending++;
      }
    }
    if (pending > 0) {
      transport(bufs, sizes, from, pending);
    }
  }

  /** Processes one datagram {@code msg[0, len)} from {@code from}. */
  void handle(byte[] msg, int len, Endpoint from) {
    if (Layout.type(msg, 0, len) == MessageType.TRANSPORT) {
      handleBatch(new byte[][] {msg}, new int[] {len}, new Endpoint[] {from}, 1);
      return;
    }
    try {
      switch (Layout.type(msg, 0, len)) {
        case MessageType.INITIATION -> {
          if (len == Layout.INITIATION_SIZE && admitHandshake(msg, len, from)) {
            initiation(msg, len, from);
          } else if (len != Layout.INITIATION_SIZE) {
            device.drop(DropReason.MALFORMED);
          }
        }
        case MessageType.RESPONSE -> {
          if (len == Layout.RESPONSE_SIZE && admitHandshake(msg, len, from)) {
            response(msg, len, from);
          } else if (len != Layout.RESPONSE_SIZE) {
            device.drop(DropReason.MALFORMED);
          }
        }
        case MessageType.COOKIE_REPLY -> cookieReply(msg, len);
        default -> device.drop(DropReason.MALFORMED);
      }
    } catch (RuntimeException e) {
      // A bug must not take the receive loop down with it; count it and carry on.
      device.drop(DropReason.MALFORMED);
      LOG.log(Level.WARNING, "unexpected failure handling a packet from " + from, e);
    }
  }

  /**
   * mac1 always; under load also mac2 (answering with a cookie reply when it is missing) and a
   * per-source rate limit, so a flood from one address cannot monopolise handshake processing.
   */
  private boolean admitHandshake(byte[] msg, int len, Endpoint from) {
    if (!device.cookieChecker.checkMac1(msg, 0, len)) {
      device.drop(DropReason.BAD_MAC1);
      return false;
    }
    if (device.underLoad()) {
      byte[] source = from.addressBytes();
      if (!device.cookieChecker.checkMac2(msg, 0, len, source)) {
        byte[] cookie = new byte[Layout.COOKIE_REPLY_SIZE];
        device.cookieChecker.createReply(
            msg, 0, len, Layout.readInt(msg, Layout.SENDER_OFFSET), source, cookie, 0);
        // Count the drop before the reply leaves, so whoever sees the reply also sees the count.
        device.drop(DropReason.COOKIE_REQUIRED);
        try {
          device.bind.send(ByteBuffer.wrap(cookie), from);
        } catch (IOException e) {
          device.drop(DropReason.SEND_FAILED);
        }
        return false;
      }
      byte[] ip = from instanceof UdpEndpoint u ? u.address().getAddress().getAddress() : source;
      if (!device.rateLimiter.allow(ip)) {
        device.drop(DropReason.HANDSHAKE_FLOOD);
        return false;
      }
    }
    return true;
  }

  private void initiation(byte[] msg, int len, Endpoint from) {
    InitiationResult r;
    try {
      r = Handshake.openInitiation(device.privateKey, device.publicKey, msg, 0, len);
    } catch (HandshakeException e) {
      device.drop(DropReason.HANDSHAKE_FAILED);
      return;
    }
    Peer peer = device.peer(r.remoteStatic());
    if (peer == null) {
      device.drop(DropReason.HANDSHAKE_FAILED);
      return;
    }
    SessionKeys keys;
    synchronized (peer.handshake) {
      if (!r.timestamp().isAfter(peer.handshake.lastTimestamp())) {
        device.drop(DropReason.HANDSHAKE_REPLAY);
        return;
      }
      long now = device.clock.nanoTime();
      if (now - peer.lastInitiationConsumedNanos < Protocol.HANDSHAKE_INITIATION_RATE.toNanos()) {
        device.drop(DropReason.HANDSHAKE_FLOOD);
        return;
      }
      peer.lastInitiationConsumedNanos = now;
      if (peer.handshake.state() != Handshake.State.ZEROED) {
        device.indexes.delete(peer.handshake.localIndex());
      }
      int index = device.indexes.newIndexForHandshake(peer);
      try {
        peer.handshake.acceptInitiation(r);
        peer.handshake.createResponse(index, reply, 0);
        peer.cookies.addMacs(reply, 0, reply.length);
        keys = peer.handshake.deriveSessionKeys();
      } catch (HandshakeException e) {
        device.indexes.delete(index);
        peer.handshake.clear();
        device.drop(DropReason.HANDSHAKE_FAILED);
        return;
      }
      installKeypair(peer, keys);
    }
    handshakeMessageAccepted(peer, from, len);
    peer.timers.anyAuthenticatedPacketSent();
    device.sender.send(peer, from, ByteBuffer.wrap(reply));
  }

  private void response(byte[] msg, int len, Endpoint from) {
    IndexTable.Entry e =
        device.indexes.lookup(Layout.readInt(msg, Layout.RESPONSE_RECEIVER_OFFSET));
    if (e == null || e.keypair() != null) {
      device.drop(DropReason.UNKNOWN_INDEX);
      return;
    }
    Peer peer = e.peer();
    SessionKeys keys;
    synchronized (peer.handshake) {
      try {
        peer.handshake.consumeResponse(msg, 0, len);
        keys = peer.handshake.deriveSessionKeys();
      } catch (HandshakeException ex) {
        device.drop(DropReason.HANDSHAKE_FAILED);
        return;
      }
      installKeypair(peer, keys);
    }
    handshakeMessageAccepted(peer, from, len);
    peer.timers.handshakeComplete();
    // Confirms the session to the responder, which may not send until it hears from us.
    device.sender.sendKeepalive(peer);
    device.sender.flushStaged(peer);
  }

  /** What every accepted handshake message tells a peer: where it is and that a session began. */
  private static void handshakeMessageAccepted(Peer peer, Endpoint from, int len) {
    peer.endpoint = from;
    peer.rxBytes.addAndGet(len);
    peer.timers.anyAuthenticatedPacketTraversal();
    peer.timers.anyAuthenticatedPacketReceived();
    peer.timers.sessionDerived();
  }

  /** Slots a new keypair in as wireguard-go's BeginSymmetricSession does. Holds the handshake. */
  private void installKeypair(Peer peer, SessionKeys keys) {
    Keypair kp = new Keypair(keys, device.clock.nanoTime(), peer);
    device.indexes.swapToKeypair(keys.localIndex(), kp);
    synchronized (peer.keypairLock) {
      Keypair previous = peer.previous;
      Keypair next = peer.next;
      Keypair current = peer.current;
      if (kp.initiator) {
        if (next != null) {
          peer.next = null;
          peer.previous = next;
          delete(current);
        } else {
          peer.previous = current;
        }
        delete(previous);
        peer.current = kp;
      } else {
        peer.next = kp;
        delete(next);
        peer.previous = null;
        delete(previous);
      }
    }
  }

  private void delete(Keypair k) {
    if (k != null) {
      device.indexes.delete(k.localIndex);
    }
  }

  private void cookieReply(byte[] msg, int len) {
    if (len != Layout.COOKIE_REPLY_SIZE) {
      device.drop(DropReason.MALFORMED);
      return;
    }
    IndexTable.Entry e = device.indexes.lookup(Layout.readInt(msg, Layout.RECEIVER_OFFSET));
    if (e == null) {
      device.drop(DropReason.UNKNOWN_INDEX);
      return;
    }
    if (!e.peer().cookies.consumeReply(msg, 0, len)) {
      device.drop(DropReason.HANDSHAKE_FAILED);
    }
  }

  /** The live keypair a transport message is for, or null (counted) when there is none. */
  private Keypair transportKeypair(byte[] msg, int len, long now) {
    if (len < Layout.TRANSPORT_MIN_SIZE) {
      device.drop(DropReason.MALFORMED);
      return null;
    }
    IndexTable.Entry e = device.indexes.lookup(Layout.readInt(msg, Layout.RECEIVER_OFFSET));
    if (e == null || e.keypair() == null) {
      device.drop(DropReason.UNKNOWN_INDEX);
      return null;
    }
    Keypair kp = e.keypair();
    if (now - kp.createdNanos >= device.timings.rejectAfterTime().toNanos()) {
      device.drop(DropReason.EXPIRED_KEYPAIR);
      return null;
    }
    return kp;
  }

  /** Decrypts the {@code pending} numbered messages of {@link #batch}, then delivers in order. */
  private void transport(byte[][] bufs, int[] sizes, Endpoint[] from, int pending) {
    CryptoBatch b = batch;
    device.crypto.run(pending, j -> open(b, bufs, sizes, j));
    int out = 0;
    long now = device.clock.nanoTime();
    for (int j = 0; j < pending; j++) {
      int i = b.index[j];
      Keypair kp = b.keypairs[j];
      Peer peer = kp.peer;
      int n = b.lengths[j];
      if (n < 0) {
        device.drop(DropReason.DECRYPT_FAILED);
        continue;
      }
      if (!kp.acceptCounter(b.counters[j])) {
        device.drop(DropReason.REPLAY);
        continue;
      }
      if (confirmNext(peer, kp)) {
        peer.timers.handshakeComplete();
        device.sender.flushStaged(peer);
      }
      keepKeyFreshReceiving(peer, kp, now);
      peer.endpoint = from[i];
      peer.rxBytes.addAndGet(sizes[i]);
      peer.timers.anyAuthenticatedPacketTraversal();
      peer.timers.anyAuthenticatedPacketReceived();
      if (n == 0) {
        continue;
      }
      peer.timers.dataReceived();
      int length = innerLength(peer, bufs[i], Layout.TRANSPORT_HEADER_SIZE, n);
      if (length > 0) {
        b.run[out] = bufs[i];
        b.runSizes[out] = length;
        out++;
      }
    }
    if (out > 0) {
      try {
        device.tun.writeBatch(b.run, Layout.TRANSPORT_HEADER_SIZE, b.runSizes, out);
      } catch (IOException e) {
        LOG.log(Level.FINE, "TUN write failed", e);
      }
    }
    b.clear(Math.max(pending, out));
  }

  /** Decrypts job {@code j} of {@code b} in place; its length becomes the plaintext's, or -1. */
  private static void open(CryptoBatch b, byte[][] bufs, int[] sizes, int j) {
    int i = b.index[j];
    try {
      b.lengths[j] =
          ChaChaPoly.forThisThread()
              .openInPlace(
                  b.keypairs[j].receiveKey,
                  b.counters[j],
                  bufs[i],
                  Layout.TRANSPORT_HEADER_SIZE,
                  sizes[i] - Layout.TRANSPORT_HEADER_SIZE);
    } catch (AEADBadTagException ex) {
      b.lengths[j] = -1;
    }
  }

  /** The first packet on the responder's "next" keypair confirms it: rotate it in. */
  private boolean confirmNext(Peer peer, Keypair kp) {
    if (peer.next != kp) {
      return false;
    }
    synchronized (peer.keypairLock) {
      if (peer.next != kp) {
        return false;
      }
      delete(peer.previous);
      peer.previous = peer.current;
      peer.current = kp;
      peer.next = null;
      return true;
    }
  }

  private void keepKeyFreshReceiving(Peer peer, Keypair kp, long now) {
    WireGuardTimings t = device.timings;
    long limit = t.rejectAfterTime().minus(t.keepaliveTimeout()).minus(t.rekeyTimeout()).toNanos();
    if (kp.initiator && now - kp.createdNanos > limit && peer.timers.claimLastMinuteHandshake()) {
      device.sender.sendInitiation(peer, false);
    }
  }

  /**
   * The length of the inner packet at {@code p[off, off+n)} if its source is allowed for {@code
   * peer}; otherwise -1, counted.
   */
  private int innerLength(Peer peer, byte[] p, int off, int n) {
    int version = (p[off] & 0xff) >>> 4;
    int length;
    Peer owner;
    if (version == 4 && n >= 20) {
      length = ((p[off + 2] & 0xff) << 8) | (p[off + 3] & 0xff);
      owner = device.allowedIps.lookup(p, off + 12, 4);
    } else if (version == 6 && n >= 40) {
      length = 40 + (((p[off + 4] & 0xff) << 8) | (p[off + 5] & 0xff));
      owner = device.allowedIps.lookup(p, off + 8, 16);
    } else {
      device.drop(DropReason.BAD_INNER_PACKET);
      return -1;
    }
    if (length > n || length < (version == 4 ? 20 : 40)) {
      device.drop(DropReason.BAD_INNER_PACKET);
      return -1;
    }
    if (owner != peer) {
      device.drop(DropReason.SOURCE_NOT_ALLOWED);
      return -1;
    }
    return length;
  }
}
