// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.net.Connectivity;
import dev.coderdesktop.tunnel.crypto.Blake2s;
import dev.coderdesktop.tunnel.crypto.ChaChaPoly;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.NaclBox;
import dev.coderdesktop.tunnel.crypto.X25519;
import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.net.ssl.SSLEngine;

/**
 * What the first Start would otherwise do in a cold JVM, done once when the service starts: the
 * JSON readers of the sign-in replies, the HTTP client's call path, the TLS context with the trust
 * store and a client hello, the key agreement and ciphers of WireGuard and disco, the protobuf
 * descriptors, and the native calls of the TUN device and rtnetlink. It talks to no one (the one
 * HTTP call goes to a loopback port just closed) and changes nothing on the host.
 *
 * <p>It also makes the AOT training run (scripts/aot-train.sh) load and link these classes, so a
 * service started from the cache has them at hand. Run it on a thread of its own; failures are
 * logged at FINE and otherwise ignored (every step is repeated, with real errors, by a Start).
 */
public final class Warmup {

  private static final Logger LOG = Logger.getLogger(Warmup.class.getName());

  /** Classes whose static set-up is expensive: descriptors, native downcall handles. */
  private static final List<String> INITIALIZE =
      List.of(
          "dev.coderdesktop.tunnel.control.proto.Tailnet",
          "dev.coderdesktop.vpn.proto.wire.Vpn",
          "dev.coderdesktop.tunnel.linux.Libc",
          "dev.coderdesktop.tunnel.netmon.NetlinkSocket",
          "dev.coderdesktop.tunnel.connect.CoderConnect");

  private Warmup() {}

  /** Runs every step; returns when done, with the names of the steps that failed. */
  public static List<String> run(Connectivity net, Clock clock) {
    long start = clock.nanoTime();
    List<String> failed = new ArrayList<>();
    step("JSON", CoderClient::warmUp, failed);
    step("crypto", Warmup::crypto, failed);
    step("TLS", () -> tls(net), failed);
    step("HTTP", () -> http(net), failed);
    for (String name : INITIALIZE) {
      step(name, () -> initialize(name), failed);
    }
    LOG.info(
        "warmed up for the first Start in "
            + (clock.nanoTime() - start) / 1_000_000
            + " ms"
            + (failed.isEmpty() ? "" : " (failed: " + failed + ")"));
    return List.copyOf(failed);
  }

  private interface Step {
    void run() throws Exception;
  }

  private static void step(String what, Step s, List<String> failed) {
    try {
      s.run();
    } catch (Exception | LinkageError e) {
      LOG.log(Level.FINE, "warm-up step " + what + " failed: " + e, e);
      failed.add(what);
    }
  }

  private static void crypto() throws Exception {
    Key a = X25519.generatePrivateKey();
    Key b = X25519.generatePrivateKey();
    Key shared = X25519.sharedSecret(a, X25519.publicKey(b));
    byte[][] keys = Blake2s.kdf(2, Blake2s.hash(shared.bytes()), new byte[32]);
    byte[] sealed = ChaChaPoly.sealOnce(keys[0], 0, new byte[64], new byte[0]);
    ChaChaPoly.openOnce(keys[0], 0, sealed, new byte[0]);
    byte[] nonce = new byte[24];
    NaclBox.open(
        b, X25519.publicKey(a), nonce, NaclBox.seal(a, X25519.publicKey(b), nonce, keys[1]));
  }

  private static void tls(Connectivity net) throws Exception {
    SSLEngine engine = net.trust().sslContext().createSSLEngine("warmup.invalid", 443);
    engine.setUseClientMode(true);
    ByteBuffer out = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
    engine.wrap(ByteBuffer.allocate(0), out); // the client hello: key shares, extensions
    engine.closeOutbound();
  }

  private static void http(Connectivity net) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    } catch (IOException e) {
      return; // no loopback (a namespace without lo up): nothing to call
    }
    CoderClient api =
        new CoderClient(DeploymentUrl.parse("http://127.0.0.1:" + port), null, Map.of(), net);
    try {
      api.buildInfo();
    } catch (CoderException expected) {
      // Refused: the request, the connection attempt and the error path are what we wanted.
    }
  }

  private static void initialize(String name) throws ClassNotFoundException {
    Class.forName(name, true, Warmup.class.getClassLoader());
  }
}
