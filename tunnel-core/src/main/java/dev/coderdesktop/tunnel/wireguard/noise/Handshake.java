// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.noise;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.wireguard.message.Layout;
import dev.coderdesktop.tunnel.wireguard.message.MessageType;
import dev.coderdesktop.tunnel.wireguard.tai64n.Tai64n;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * One peer's WireGuard handshake (Noise IKpsk2 with WireGuard's identifier as prologue), from
 * either side. Messages are written with mac1/mac2 zeroed; the cookie layer fills them.
 *
 * <pre>
 *   initiator: ZEROED -createInitiation-> INITIATION_CREATED -consumeResponse-> RESPONSE_CONSUMED
 *   responder: ZEROED -acceptInitiation-> INITIATION_CONSUMED -createResponse-> RESPONSE_CREATED
 *   either:    RESPONSE_* -deriveSessionKeys-> ZEROED
 * </pre>
 *
 * <p>Not thread-safe: the device holds the peer's handshake lock around every call.
 */
public final class Handshake {

  /** WireGuard's Noise prologue. */
  public static final byte[] IDENTIFIER =
      "WireGuard v1 zx2c4 Jason@zx2c4.com".getBytes(StandardCharsets.US_ASCII);

  /** Handshake progress. */
  public enum State {
    ZEROED,
    INITIATION_CREATED,
    INITIATION_CONSUMED,
    RESPONSE_CREATED,
    RESPONSE_CONSUMED
  }

  private static final byte[] ZERO_PSK = new byte[32];

  private final Key localPrivate;
  private final Key localPublic;
  private final Key remotePublic;
  private final Supplier<Key> ephemerals;
  private byte[] psk;

  private NoiseIkPsk2 noise;
  private State state = State.ZEROED;
  private int localIndex;
  private int remoteIndex;
  private Tai64n lastTimestamp = Tai64n.zero();

  /** A handshake with {@code remotePublic}; {@code presharedKey} may be null (all zeros). */
  public Handshake(Key localPrivate, Key localPublic, Key remotePublic, Key presharedKey) {
    this(localPrivate, localPublic, remotePublic, presharedKey, X25519::generatePrivateKey);
  }

  Handshake(
      Key localPrivate,
      Key localPublic,
      Key remotePublic,
      Key presharedKey,
      Supplier<Key> ephemerals) {
    this.localPrivate = localPrivate;
    this.localPublic = localPublic;
    this.remotePublic = remotePublic;
    this.ephemerals = ephemerals;
    setPresharedKey(presharedKey);
  }

  /** Replaces the pre-shared key (null for none) for later handshakes. */
  public void setPresharedKey(Key presharedKey) {
    psk = presharedKey == null ? ZERO_PSK : presharedKey.bytes();
  }

  /** The peer's static public key. */
  public Key remotePublic() {
    return remotePublic;
  }

  /** Current progress. */
  public State state() {
    return state;
  }

  /** Our index for the handshake in progress. */
  public int localIndex() {
    return localIndex;
  }

  /** The newest initiation timestamp accepted from this peer. */
  public Tai64n lastTimestamp() {
    return lastTimestamp;
  }

  /** Writes a 148-byte initiation at {@code out[off]} with zeroed MACs. */
  public void createInitiation(int localIndex, Tai64n timestamp, byte[] out, int off)
      throws HandshakeException {
    NoiseIkPsk2 n = NoiseIkPsk2.initiator(IDENTIFIER, localPrivate, remotePublic);
    byte[] body = n.writeMessageA(ephemerals.get(), localPublic, timestamp.bytes());
    Arrays.fill(out, off, off + Layout.INITIATION_SIZE, (byte) 0);
    Layout.writeHeader(out, off, MessageType.INITIATION);
    Layout.writeInt(out, off + Layout.SENDER_OFFSET, localIndex);
    System.arraycopy(body, 0, out, off + Layout.INITIATION_NOISE_OFFSET, body.length);
    this.noise = n;
    this.localIndex = localIndex;
    this.state = State.INITIATION_CREATED;
  }

  /**
   * Decrypts an initiation addressed to the holder of {@code localPrivate} without touching any
   * peer's state.
   */
  public static InitiationResult openInitiation(
      Key localPrivate, Key localPublic, byte[] msg, int off, int len) throws HandshakeException {
    if (len != Layout.INITIATION_SIZE || Layout.type(msg, off, len) != MessageType.INITIATION) {
      throw new HandshakeException(HandshakeException.Reason.MALFORMED, "not an initiation");
    }
    NoiseIkPsk2 n = NoiseIkPsk2.responder(IDENTIFIER, localPrivate, localPublic);
    byte[] ts = n.readMessageA(msg, off + Layout.INITIATION_NOISE_OFFSET, 108);
    return new InitiationResult(
        n.remoteStatic, Tai64n.decode(ts, 0), Layout.readInt(msg, off + Layout.SENDER_OFFSET), n);
  }

  /** Adopts an opened initiation from this peer as the responder state. */
  public void acceptInitiation(InitiationResult r) throws HandshakeException {
    if (!r.remoteStatic().equals(remotePublic)) {
      throw new HandshakeException(
          HandshakeException.Reason.UNKNOWN_PEER, "initiation is from another peer");
    }
    noise = r.noise;
    remoteIndex = r.senderIndex();
    lastTimestamp = r.timestamp();
    state = State.INITIATION_CONSUMED;
  }

  /** Writes a 92-byte response at {@code out[off]} with zeroed MACs. */
  public void createResponse(int localIndex, byte[] out, int off) throws HandshakeException {
    if (state != State.INITIATION_CONSUMED) {
      throw new HandshakeException(
          HandshakeException.Reason.WRONG_STATE, "no initiation to answer");
    }
    byte[] body = noise.writeMessageB(ephemerals.get(), psk, new byte[0]);
    Arrays.fill(out, off, off + Layout.RESPONSE_SIZE, (byte) 0);
    Layout.writeHeader(out, off, MessageType.RESPONSE);
    Layout.writeInt(out, off + Layout.SENDER_OFFSET, localIndex);
    Layout.writeInt(out, off + Layout.RESPONSE_RECEIVER_OFFSET, remoteIndex);
    System.arraycopy(body, 0, out, off + Layout.RESPONSE_NOISE_OFFSET, body.length);
    this.localIndex = localIndex;
    state = State.RESPONSE_CREATED;
  }

  /** Consumes the response to our initiation; on failure the state is unchanged. */
  public void consumeResponse(byte[] msg, int off, int len) throws HandshakeException {
    if (len != Layout.RESPONSE_SIZE || Layout.type(msg, off, len) != MessageType.RESPONSE) {
      throw new HandshakeException(HandshakeException.Reason.MALFORMED, "not a response");
    }
    if (state != State.INITIATION_CREATED
        || Layout.readInt(msg, off + Layout.RESPONSE_RECEIVER_OFFSET) != localIndex) {
      throw new HandshakeException(
          HandshakeException.Reason.WRONG_STATE, "response to no pending initiation");
    }
    NoiseIkPsk2 attempt = noise.copy();
    byte[] payload = attempt.readMessageB(msg, off + Layout.RESPONSE_NOISE_OFFSET, 48, psk);
    if (payload.length != 0) {
      throw new HandshakeException(HandshakeException.Reason.MALFORMED, "non-empty response");
    }
    noise = attempt;
    remoteIndex = Layout.readInt(msg, off + Layout.SENDER_OFFSET);
    state = State.RESPONSE_CONSUMED;
  }

  /** Splits the finished handshake into transport keys and returns to {@link State#ZEROED}. */
  public SessionKeys deriveSessionKeys() throws HandshakeException {
    boolean initiator;
    if (state == State.RESPONSE_CONSUMED) {
      initiator = true;
    } else if (state == State.RESPONSE_CREATED) {
      initiator = false;
    } else {
      throw new HandshakeException(HandshakeException.Reason.WRONG_STATE, "handshake incomplete");
    }
    byte[][] keys = noise.state.split();
    Key first = Key.secretKey(keys[0]);
    Key second = Key.secretKey(keys[1]);
    Arrays.fill(keys[0], (byte) 0);
    Arrays.fill(keys[1], (byte) 0);
    SessionKeys out =
        initiator
            ? new SessionKeys(first, second, true, localIndex, remoteIndex)
            : new SessionKeys(second, first, false, localIndex, remoteIndex);
    clear();
    return out;
  }

  /** Forgets any handshake in progress (keeps the last accepted timestamp). */
  public void clear() {
    if (noise != null) {
      noise.state.clear();
      noise = null;
    }
    state = State.ZEROED;
  }
}
