// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrimitiveVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  @Test
  @DisplayName("BLAKE2s-256 of \"abc\" matches RFC 7693 appendix B")
  void blake2sAbc() {
    assertEquals(
        "508c5e8c327c14e2e1a72ba34eeb452f37458b209ed63a294d999b4c86675982",
        HEX.formatHex(Blake2s.hash("abc".getBytes(StandardCharsets.US_ASCII))));
  }

  @ParameterizedTest(name = "KDF key={0} input={1}")
  @DisplayName("KDF1/2/3 match wireguard-go's kdf_test cases")
  @CsvSource({
    "746573742d6b6579, 746573742d696e707574,"
        + " 6f0e5ad38daba1bea8a0d213688736f19763239305e0f58aba697f9ffc41c633,"
        + " df1194df20802a4fe594cde27e92991c8cae66c366e8106aaa937a55fa371e8a,"
        + " fac6e2745a325f5dc5d11a5b165aad08b0ada28e7b4e666b7c077934a4d76c24",
    "776972656775617264, 776972656775617264,"
        + " 491d43bbfdaa8750aaf535e334ecbfe5129967cd64635101c566d4caefda96e8,"
        + " 1e71a379baefd8a79aa4662212fcafe19a23e2b609a3db7d6bcba8f560e3d25f,"
        + " 31e1ae48bddfbe5de38f295e5452b1909a1b4e38e183926af3780b0c1e1f0160",
    "'', '',"
        + " 8387b46bf43eccfcf349552a095d8315c4055beb90208fb1be23b894bc2ed5d0,"
        + " 58a0e5f6faefccf4807bff1f05fa8a9217945762040bcec2f4b4a62bdfe0e86e,"
        + " 0ce6ea98ec548f8e281e93e32db65621c45eb18dc6f0a7ad94178610a2f7338e"
  })
  void kdf(String key, String input, String t0, String t1, String t2) {
    byte[] k = HEX.parseHex(key);
    byte[] in = HEX.parseHex(input);
    byte[][] three = Blake2s.kdf(3, k, in);
    assertEquals(t0, HEX.formatHex(three[0]));
    assertEquals(t1, HEX.formatHex(three[1]));
    assertEquals(t2, HEX.formatHex(three[2]));
    byte[][] two = Blake2s.kdf(2, k, in);
    assertEquals(t1, HEX.formatHex(two[1]));
    assertEquals(t0, HEX.formatHex(Blake2s.kdf(1, k, in)[0]));
  }

  @Test
  @DisplayName("keyed BLAKE2s-128 equals BouncyCastle's keyed digest computed independently")
  void macMatchesReference() {
    byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] data = "mac1 input".getBytes(StandardCharsets.US_ASCII);
    var d = new org.bouncycastle.crypto.digests.Blake2sDigest(key, 16, null, null);
    d.update(data, 0, data.length);
    byte[] want = new byte[16];
    d.doFinal(want, 0);
    assertArrayEquals(want, Blake2s.mac(key, data, 0, data.length));
  }

  private static final byte[] SUNSCREEN =
      ("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the"
              + " future, sunscreen would be it.")
          .getBytes(StandardCharsets.US_ASCII);

  /** HMAC-BLAKE2s-256 by BouncyCastle's own HMAC construction, for comparison. */
  private static byte[] referenceHmac(byte[] key, byte[] data) {
    org.bouncycastle.crypto.macs.HMac h =
        new org.bouncycastle.crypto.macs.HMac(
            new org.bouncycastle.crypto.digests.Blake2sDigest(256));
    h.init(new org.bouncycastle.crypto.params.KeyParameter(key));
    h.update(data, 0, data.length);
    byte[] out = new byte[32];
    h.doFinal(out, 0);
    return out;
  }

  @Test
  @DisplayName(
      "HMAC matches BouncyCastle's HMAC for short and long keys, from many threads at once (each"
          + " thread reuses its digest)")
  void hmacAcrossThreads() throws Exception {
    java.util.Random r = new java.util.Random(7);
    int cases = 64;
    byte[][] keys = new byte[cases][];
    byte[][] data = new byte[cases][];
    byte[][] want = new byte[cases][];
    for (int i = 0; i < cases; i++) {
      keys[i] = new byte[1 + r.nextInt(130)]; // past the 64-byte block: hashed first
      data[i] = new byte[r.nextInt(200)];
      r.nextBytes(keys[i]);
      r.nextBytes(data[i]);
      want[i] = referenceHmac(keys[i], data[i]);
    }
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(4)) {
      java.util.List<java.util.concurrent.Future<?>> runs = new java.util.ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int offset = t;
        runs.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < 2_000; n++) {
                    int i = (n + offset) % cases;
                    assertArrayEquals(want[i], Blake2s.hmac(keys[i], data[i]), "case " + i);
                  }
                }));
      }
      for (var f : runs) {
        f.get();
      }
    }
  }

  @Test
  @DisplayName("HChaCha20 matches draft-irtf-cfrg-xchacha section 2.2.1")
  void hchacha20() {
    byte[] key = HEX.parseHex("000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f");
    byte[] nonce = HEX.parseHex("000000090000004a0000000031415927");
    assertEquals(
        "82413b4227b27bfed30e42508a877d73a0f9e4d58a74a853c12ec41326d3ecdc",
        HEX.formatHex(Subkeys.hchacha20(key, nonce)));
  }

  @Test
  @DisplayName("XChaCha20-Poly1305 matches draft-irtf-cfrg-xchacha appendix A.3.1")
  void xchachaVector() throws Exception {
    byte[] key = HEX.parseHex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f");
    byte[] nonce = HEX.parseHex("404142434445464748494a4b4c4d4e4f5051525354555657");
    byte[] ad = HEX.parseHex("50515253c0c1c2c3c4c5c6c7");
    String want =
        "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb"
            + "731c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216cb96b72e1213b452"
            + "2f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f76b2383565d3fff9"
            + "21f9664c97637da9768812f615c68b13b52e"
            + "c0875924c1c7987947deafd8780acf49";
    byte[] sealed = XChaChaPoly.seal(key, nonce, SUNSCREEN, ad);
    assertEquals(want, HEX.formatHex(sealed));
    assertArrayEquals(SUNSCREEN, XChaChaPoly.open(key, nonce, sealed, ad));
    sealed[3] ^= 1;
    assertThrows(AEADBadTagException.class, () -> XChaChaPoly.open(key, nonce, sealed, ad));
  }

  @Test
  @DisplayName("the ByteBuffer data path round-trips in place in direct buffers")
  void byteBufferRoundTrip() throws Exception {
    ChaChaPoly aead = new ChaChaPoly();
    var key = ChaChaPoly.key(new byte[32]);
    ByteBuffer buf = ByteBuffer.allocateDirect(2048);
    buf.put(SUNSCREEN).flip();
    ByteBuffer out = ByteBuffer.allocateDirect(2048);
    int n = aead.seal(key, 7, buf, out);
    assertEquals(SUNSCREEN.length + ChaChaPoly.TAG_LENGTH, n);
    out.flip();
    // Same bytes as the array path with an empty associated data.
    byte[] viaArray = ChaChaPoly.sealOnce(new byte[32], 7, SUNSCREEN, new byte[0]);
    byte[] viaBuffer = new byte[n];
    out.duplicate().get(viaBuffer);
    assertArrayEquals(viaArray, viaBuffer);
    ByteBuffer plain = ByteBuffer.allocateDirect(2048);
    assertEquals(SUNSCREEN.length, aead.open(key, 7, out, plain));
    assertThrows(
        AEADBadTagException.class,
        () -> aead.open(key, 8, ByteBuffer.wrap(viaArray), ByteBuffer.allocate(2048)));
  }
}
