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
 * <p>Not thread-safe: owned by the device's single receive thread.
 */
final class Receiver {

  private static final Logger LOG = Logger.getLogger(Receiver.class.getName());

  private final Device device;
  private final ChaChaPoly aead = new ChaChaPoly();
  private final byte[] plain = new byte[65536];
  private final ByteBuffer plainBuf = ByteBuffer.wrap(plain);
  private final ByteBuffer plainOut = ByteBuffer.wrap(plain);
  // A view of the caller's receive array, re-made only when the caller passes a different array,
  // so the transport path wraps nothing per packet.
  private byte[] cipherArray;
  private ByteBuffer cipherView;
  private final byte[] reply = new byte[Layout.RESPONSE_SIZE];

  Receiver(Device device) {
    this.device = device;
  }

  /** Processes one datagram {@code msg[0, len)} from {@code from}. */
  void handle(byte[] msg, int len, Endpoint from) {
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
        case MessageType.TRANSPORT -> transport(msg, len, from);
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

  private void transport(byte[] msg, int len, Endpoint from) {
    if (len < Layout.TRANSPORT_MIN_SIZE) {
      device.drop(DropReason.MALFORMED);
      return;
    }
    IndexTable.Entry e = device.indexes.lookup(Layout.readInt(msg, Layout.RECEIVER_OFFSET));
    if (e == null || e.keypair() == null) {
      device.drop(DropReason.UNKNOWN_INDEX);
      return;
    }
    Keypair kp = e.keypair();
    Peer peer = kp.peer;
    long now = device.clock.nanoTime();
    if (now - kp.createdNanos >= device.timings.rejectAfterTime().toNanos()) {
      device.drop(DropReason.EXPIRED_KEYPAIR);
      return;
    }
    long counter = 0;
    for (int i = 7; i >= 0; i--) {
      counter = (counter << 8) | (msg[Layout.COUNTER_OFFSET + i] & 0xff);
    }
    int n;
    try {
      plainBuf.clear();
      if (cipherArray != msg) {
        cipherArray = msg;
        cipherView = ByteBuffer.wrap(msg);
      }
      cipherView.limit(len).position(Layout.TRANSPORT_HEADER_SIZE);
      n = aead.open(kp.receiveKey, counter, cipherView, plainBuf);
    } catch (AEADBadTagException ex) {
      device.drop(DropReason.DECRYPT_FAILED);
      return;
    }
    if (!kp.acceptCounter(counter)) {
      device.drop(DropReason.REPLAY);
      return;
    }
    if (confirmNext(peer, kp)) {
      peer.timers.handshakeComplete();
      device.sender.flushStaged(peer);
    }
    keepKeyFreshReceiving(peer, kp, now);
    peer.endpoint = from;
    peer.rxBytes.addAndGet(len);
    peer.timers.anyAuthenticatedPacketTraversal();
    peer.timers.anyAuthenticatedPacketReceived();
    if (n == 0) {
      return;
    }
    peer.timers.dataReceived();
    deliver(peer, n);
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

  /** Checks the inner packet's source is allowed for {@code peer} and writes it to the TUN. */
  private void deliver(Peer peer, int n) {
    int version = (plain[0] & 0xff) >>> 4;
    int length;
    Peer owner;
    if (version == 4 && n >= 20) {
      length = ((plain[2] & 0xff) << 8) | (plain[3] & 0xff);
      owner = device.allowedIps.lookup(plain, 12, 4);
    } else if (version == 6 && n >= 40) {
      length = 40 + (((plain[4] & 0xff) << 8) | (plain[5] & 0xff));
      owner = device.allowedIps.lookup(plain, 8, 16);
    } else {
      device.drop(DropReason.BAD_INNER_PACKET);
      return;
    }
    if (length > n || length < (version == 4 ? 20 : 40)) {
      device.drop(DropReason.BAD_INNER_PACKET);
      return;
    }
    if (owner != peer) {
      device.drop(DropReason.SOURCE_NOT_ALLOWED);
      return;
    }
    try {
      plainOut.limit(length).position(0);
      device.tun.write(plainOut);
    } catch (IOException e) {
      LOG.log(Level.FINE, "TUN write failed", e);
    }
  }
}
