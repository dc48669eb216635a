// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Properties;

/**
 * Who we are on the wire: the product version (stamped by the build) and the {@code User-Agent}
 * every request carries, so that proxies and firewalls in front of a deployment can tell Coder
 * Desktop for Java apart, as Coder Desktop's own clients send theirs. Stateless.
 */
public final class ProductInfo {

  private static final String VERSION = loadVersion();

  private ProductInfo() {}

  /** The product version, e.g. {@code 0.1.0-SNAPSHOT}, or {@code unknown} if not stamped. */
  public static String version() {
    return VERSION;
  }

  /** {@code coder-desktop-java/<version> (<os>; <arch>)}. */
  public static String userAgent() {
    return "coder-desktop-java/"
        + VERSION
        + " ("
        + System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT)
        + "; "
        + System.getProperty("os.arch", "unknown")
        + ")";
  }

  private static String loadVersion() {
    try (InputStream in = ProductInfo.class.getResourceAsStream("product.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }
}
