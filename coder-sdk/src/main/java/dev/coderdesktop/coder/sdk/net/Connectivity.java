// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The trust and proxy settings every connection to one deployment uses. Immutable.
 *
 * @param trust the certificate authorities
 * @param proxy the proxy policy
 */
public record Connectivity(TrustStore trust, ProxyPolicy proxy) {

  /** Checks for nulls. */
  public Connectivity {
    Objects.requireNonNull(trust, "trust");
    Objects.requireNonNull(proxy, "proxy");
  }

  private static final class Defaults {
    static final Connectivity VALUE = build();

    private static Connectivity build() {
      try {
        return new Connectivity(
            TrustStore.load(null), ProxyPolicy.fromEnvironment(System.getenv(), null));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** The system's trust and the environment's proxy; built once. */
  public static Connectivity defaults() {
    return Defaults.VALUE;
  }

  /** The system's trust plus {@code extraCaFile} (may be null), and the given or env proxy. */
  public static Connectivity of(Path extraCaFile, String proxyOverride) throws IOException {
    if (extraCaFile == null && (proxyOverride == null || proxyOverride.isBlank())) {
      return defaults();
    }
    return new Connectivity(
        TrustStore.load(extraCaFile), ProxyPolicy.fromEnvironment(System.getenv(), proxyOverride));
  }
}
