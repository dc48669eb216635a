// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.noise;

import dev.coderdesktop.tunnel.crypto.InvalidSharedSecretException;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.X25519;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;

/**
 * The generic Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s pattern with any prologue and payloads:
 *
 * <pre>
 *   &lt;- s
 *   ...
 *   -&gt; e, es, s, ss
 *   &lt;- e, ee, se, psk
 * </pre>
 *
 * WireGuard is this pattern with its identifier as prologue, a TAI64N timestamp as the first
 * payload and an empty second payload; keeping the core generic lets the published Noise test
 * vectors check it byte for byte. Not thread-safe.
 */
final class NoiseIkPsk2 {

  static final byte[] PROTOCOL_NAME =
      "Noise_IKpsk2_25519_ChaChaPoly_BLAKE2s".getBytes(StandardCharsets.US_ASCII);

  /** Size of message A without its payload: e (32), encrypted s (48), payload tag (16). */
  static final int MESSAGE_A_OVERHEAD = 32 + 48 + 16;

  /** Size of message B without its payload: e (32), payload tag (16). */
  static final int MESSAGE_B_OVERHEAD = 32 + 16;

  final SymmetricState state;
  private final Key localStaticPrivate;
  Key remoteStatic;
  Key localEphemeralPrivate;
  Key remoteEphemeral;

  private NoiseIkPsk2(SymmetricState state, Key localStaticPrivate, Key remoteStatic) {
    this.state = state;
    this.localStaticPrivate = localStaticPrivate;
    this.remoteStatic = remoteStatic;
  }

  /** A deep copy, so a failed read can leave the original untouched. */
  NoiseIkPsk2 copy() {
    NoiseIkPsk2 c = new NoiseIkPsk2(new SymmetricState(state), localStaticPrivate, remoteStatic);
    c.localEphemeralPrivate = localEphemeralPrivate;
    c.remoteEphemeral = remoteEphemeral;
    return c;
  }

  /** Initiator: knows the responder's static key in advance. */
  static NoiseIkPsk2 initiator(byte[] prologue, Key localStaticPrivate, Key remoteStatic) {
    SymmetricState s = new SymmetricState(PROTOCOL_NAME, prologue);
    s.mixHash(remoteStatic.bytes());
    return new NoiseIkPsk2(s, localStaticPrivate, remoteStatic);
  }

  /** Responder: its own static public key is the pre-message. */
  static NoiseIkPsk2 responder(byte[] prologue, Key localStaticPrivate, Key localStaticPublic) {
    SymmetricState s = new SymmetricState(PROTOCOL_NAME, prologue);
    s.mixHash(localStaticPublic.bytes());
    return new NoiseIkPsk2(s, localStaticPrivate, null);
  }

  /** -&gt; e, es, s, ss, payload. */
  byte[] writeMessageA(Key ephemeralPrivate, Key localStaticPublic, byte[] payload)
      throws HandshakeException {
    localEphemeralPrivate = ephemeralPrivate;
    byte[] e = X25519.publicKey(ephemeralPrivate).bytes();
    state.mixHash(e);
    state.mixChainingKey(e);
    state.mixKey(dh(ephemeralPrivate, remoteStatic));
    byte[] s = state.encryptAndHash(localStaticPublic.bytes());
    state.mixKey(dh(localStaticPrivate, remoteStatic));
    byte[] p = state.encryptAndHash(payload);
    return concat(e, s, p);
  }

  /** Reads message A; afterwards {@link #remoteStatic} names the initiator. Returns the payload. */
  byte[] readMessageA(byte[] msg, int off, int len) throws HandshakeException {
    if (len < MESSAGE_A_OVERHEAD) {
      throw new HandshakeException(HandshakeException.Reason.MALFORMED, "message A too short");
    }
    remoteEphemeral = Key.publicKey(Arrays.copyOfRange(msg, off, off + 32));
    state.mixHash(remoteEphemeral.bytes());
    state.mixChainingKey(remoteEphemeral.bytes());
    state.mixKey(dh(localStaticPrivate, remoteEphemeral));
    byte[] s = decrypt(Arrays.copyOfRange(msg, off + 32, off + 80));
    remoteStatic = Key.publicKey(s);
    state.mixKey(dh(localStaticPrivate, remoteStatic));
    return decrypt(Arrays.copyOfRange(msg, off + 80, off + len));
  }

  /** &lt;- e, ee, se, psk, payload. */
  byte[] writeMessageB(Key ephemeralPrivate, byte[] psk, byte[] payload) throws HandshakeException {
    localEphemeralPrivate = ephemeralPrivate;
    byte[] e = X25519.publicKey(ephemeralPrivate).bytes();
    state.mixHash(e);
    state.mixChainingKey(e);
    state.mixChainingKey(dh(ephemeralPrivate, remoteEphemeral));
    state.mixChainingKey(dh(ephemeralPrivate, remoteStatic));
    state.mixKeyAndHash(psk);
    byte[] p = state.encryptAndHash(payload);
    return concat(e, p);
  }

  /** Reads message B and returns its payload. */
  byte[] readMessageB(byte[] msg, int off, int len, byte[] psk) throws HandshakeException {
    if (len < MESSAGE_B_OVERHEAD) {
      throw new HandshakeException(HandshakeException.Reason.MALFORMED, "message B too short");
    }
    remoteEphemeral = Key.publicKey(Arrays.copyOfRange(msg, off, off + 32));
    state.mixHash(remoteEphemeral.bytes());
    state.mixChainingKey(remoteEphemeral.bytes());
    state.mixChainingKey(dh(localEphemeralPrivate, remoteEphemeral));
    state.mixChainingKey(dh(localStaticPrivate, remoteEphemeral));
    state.mixKeyAndHash(psk);
    return decrypt(Arrays.copyOfRange(msg, off + 32, off + len));
  }

  private byte[] decrypt(byte[] c) throws HandshakeException {
    try {
      return state.decryptAndHash(c);
    } catch (AEADBadTagException e) {
      throw new HandshakeException(
          HandshakeException.Reason.DECRYPT_FAILED, "handshake message failed authentication");
    }
  }

  private static byte[] dh(Key priv, Key pub) throws HandshakeException {
    try {
      return X25519.sharedSecret(priv, pub).bytes();
    } catch (InvalidSharedSecretException e) {
      throw new HandshakeException(HandshakeException.Reason.LOW_ORDER_KEY, e.getMessage());
    }
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    byte[] out = new byte[n];
    int o = 0;
    for (byte[] p : parts) {
      System.arraycopy(p, 0, out, o, p.length);
      o += p.length;
    }
    return out;
  }
}
