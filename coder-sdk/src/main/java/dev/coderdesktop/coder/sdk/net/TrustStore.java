// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The one place that decides which certificate authorities a deployment's certificate may chain to,
 * for every HTTP stack we use (REST, the tailnet websocket, DERP): the Java runtime's roots, plus
 * the operating system's bundle (self-hosted Coder usually sits behind a company CA that IT
 * installs there), plus an optional extra CA file the user names. Immutable once built;
 * thread-safe.
 */
public final class TrustStore {

  /** Where Debian/Ubuntu, Fedora/RHEL, openSUSE and Alpine keep the system bundle. */
  public static final List<Path> SYSTEM_BUNDLES =
      List.of(
          Path.of("/etc/ssl/certs/ca-certificates.crt"),
          Path.of("/etc/pki/tls/certs/ca-bundle.crt"),
          Path.of("/etc/ssl/ca-bundle.pem"),
          Path.of("/etc/ssl/cert.pem"));

  private final X509TrustManager trustManager;
  private final SSLContext sslContext;
  private final int extraCertificates;

  private TrustStore(X509TrustManager trustManager, int extraCertificates) {
    this.trustManager = trustManager;
    this.extraCertificates = extraCertificates;
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {trustManager}, null);
      this.sslContext = ctx;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the Java runtime has no TLS", e);
    }
  }

  /** The runtime's roots plus the first readable system bundle plus {@code extraCaFile} if set. */
  public static TrustStore load(Path extraCaFile) throws IOException {
    return load(SYSTEM_BUNDLES, extraCaFile);
  }

  /** As {@link #load(Path)} with the bundle locations given (tests). */
  public static TrustStore load(List<Path> systemBundles, Path extraCaFile) throws IOException {
    try {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int n = 0;
      for (X509Certificate c : runtimeRoots()) {
        ks.setCertificateEntry("jdk-" + n++, c);
      }
      int extra = 0;
      for (Path bundle : systemBundles) {
        if (Files.isReadable(bundle)) {
          for (X509Certificate c : readPem(bundle)) {
            ks.setCertificateEntry("system-" + extra++, c);
          }
          break;
        }
      }
      if (extraCaFile != null) {
        if (!Files.isReadable(extraCaFile)) {
          throw new IOException("cannot read the CA file " + extraCaFile);
        }
        List<X509Certificate> certs = readPem(extraCaFile);
        if (certs.isEmpty()) {
          throw new IOException("the CA file " + extraCaFile + " holds no PEM certificate");
        }
        for (X509Certificate c : certs) {
          ks.setCertificateEntry("extra-" + extra++, c);
        }
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509TrustManager x) {
          return new TrustStore(x, extra);
        }
      }
      throw new IllegalStateException("no X.509 trust manager");
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot build the certificate store: " + e.getMessage(), e);
    }
  }

  private static List<X509Certificate> runtimeRoots() throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    List<X509Certificate> out = new ArrayList<>();
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        out.addAll(List.of(x.getAcceptedIssuers()));
      }
    }
    return out;
  }

  private static List<X509Certificate> readPem(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      Collection<? extends java.security.cert.Certificate> all =
          CertificateFactory.getInstance("X.509").generateCertificates(in);
      List<X509Certificate> out = new ArrayList<>();
      for (var c : all) {
        if (c instanceof X509Certificate x) {
          out.add(x);
        }
      }
      return out;
    } catch (CertificateException e) {
      throw new IOException("cannot read certificates from " + file + ": " + e.getMessage(), e);
    }
  }

  /** The trust manager, for clients that take one beside a socket factory. */
  public X509TrustManager trustManager() {
    return trustManager;
  }

  /** A TLS context trusting exactly these roots. */
  public SSLContext sslContext() {
    return sslContext;
  }

  /** How many certificates came from the system bundle and the extra file. */
  public int extraCertificates() {
    return extraCertificates;
  }
}
