// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A certificate authority made for one testbed run and a server certificate it signed for the
 * address clients dial (an IP literal gets an IP subject alternative name, anything else a DNS
 * one). The keys are made by Debian's {@code openssl} (the JDK has no public API to sign
 * certificates); the CA's certificate is left in the state directory as {@code ca.pem} for clients
 * to install, and as {@code ca-truststore.p12} for the testbed's own agents. Immutable.
 *
 * @param caPem the CA certificate, PEM, for clients' trust stores
 * @param trustStore the CA certificate as a PKCS#12 trust store (password {@link
 *     #TRUST_STORE_PASSWORD}) for Java agents
 * @param serverContext the server side: the server key and its chain
 */
public record TestbedCa(Path caPem, Path trustStore, SSLContext serverContext) {

  /**
   * Not a secret (the store holds only a public certificate); the runtime ignores an empty trust
   * store password and then cannot read PKCS#12 certificate entries at all.
   */
  public static final String TRUST_STORE_PASSWORD = "testbed";

  private static final long OPENSSL_SECONDS = 60;

  /** Makes the CA and a certificate for {@code host} in {@code dir}. */
  public static TestbedCa create(Path dir, String host) throws IOException {
    Files.createDirectories(dir);
    Path caKey = dir.resolve("ca.key");
    Path caPem = dir.resolve("ca.pem");
    Path key = dir.resolve("server.key");
    Path pem = dir.resolve("server.pem");
    String san = (host.matches("[0-9.]+|.*:.*") ? "IP:" : "DNS:") + host;
    String serial = Long.toHexString(System.nanoTime());
    keyAndCertificate(
        caKey,
        caPem,
        "/O=Coder testbed/CN=Coder testbed CA " + serial,
        "-addext",
        "basicConstraints=critical,CA:TRUE",
        "-addext",
        "keyUsage=critical,keyCertSign,cRLSign");
    keyAndCertificate(
        key,
        pem,
        "/O=Coder testbed/CN=" + host,
        "-CA",
        caPem.toString(),
        "-CAkey",
        caKey.toString(),
        "-addext",
        "subjectAltName=" + san,
        "-addext",
        "basicConstraints=critical,CA:FALSE",
        "-addext",
        "keyUsage=critical,digitalSignature",
        "-addext",
        "extendedKeyUsage=serverAuth");
    // The CA's key is only needed to sign once; nothing else should ever sign with it.
    Files.delete(caKey);
    try {
      X509Certificate ca = readCertificate(caPem);
      X509Certificate server = readCertificate(pem);
      PrivateKey serverKey = readKey(key);
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      char[] pass = new char[0];
      ks.setKeyEntry("server", serverKey, pass, new Certificate[] {server, ca});
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, pass);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      Path trust = dir.resolve("ca-truststore.p12");
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("testbed-ca", ca);
      try (OutputStream out = Files.newOutputStream(trust)) {
        ts.store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
      return new TestbedCa(caPem, trust, ctx);
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the testbed's certificate: " + e.getMessage(), e);
    }
  }

  /** A new P-256 key and a certificate for it, self-signed unless {@code extra} names a CA. */
  private static void keyAndCertificate(Path key, Path cert, String subject, String... extra)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                key.toString(),
                "-out",
                cert.toString(),
                "-days",
                "3",
                "-subj",
                subject));
    args.addAll(List.of(extra));
    openssl(args.toArray(String[]::new));
  }

  private static void openssl(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of("openssl"));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out;
    try (InputStream in = p.getInputStream()) {
      out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try {
      if (!p.waitFor(OPENSSL_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("openssl " + args[0] + " failed: " + out.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while openssl ran", e);
    }
  }

  private static X509Certificate readCertificate(Path pem)
      throws IOException, GeneralSecurityException {
    try (InputStream in = Files.newInputStream(pem)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    }
  }

  private static PrivateKey readKey(Path pem) throws IOException, GeneralSecurityException {
    String text = Files.readString(pem, StandardCharsets.US_ASCII);
    if (!text.contains("-----BEGIN PRIVATE KEY-----")) {
      throw new IOException("openssl did not write a PKCS#8 key to " + pem);
    }
    String b64 = text.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
    byte[] der = Base64.getDecoder().decode(b64);
    return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
  }
}
