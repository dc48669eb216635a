// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The base URL of a Coder deployment: http or https, a host, an optional port, and no path, query
 * or credentials. Immutable. {@link #parse} explains what is wrong with bad input.
 *
 * @param uri the normalised URL without a trailing slash
 */
public record DeploymentUrl(URI uri) {

  /** Why a URL was refused. */
  public enum Problem {
    EMPTY,
    MALFORMED,
    SCHEME,
    NO_HOST,
    PATH,
    QUERY,
    CREDENTIALS,
    INSECURE
  }

  /** Parses what the user typed; {@code coder.example.com} gets {@code https://}. */
  public static DeploymentUrl parse(String text) throws InvalidValueException {
    String t = text == null ? "" : text.strip();
    if (t.isEmpty()) {
      throw new InvalidValueException(Problem.EMPTY, "Enter your deployment's URL.");
    }
    if (!t.contains("://")) {
      t = "https://" + t;
    }
    URI u;
    try {
      u = new URI(t);
    } catch (URISyntaxException e) {
      throw new InvalidValueException(Problem.MALFORMED, "That is not a valid URL.");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new InvalidValueException(
          Problem.SCHEME, "The URL must start with https:// or http://.");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new InvalidValueException(Problem.NO_HOST, "The URL needs a host name.");
    }
    if (u.getRawUserInfo() != null) {
      throw new InvalidValueException(
          Problem.CREDENTIALS, "The URL must not contain a user or password.");
    }
    if (u.getRawPath() != null && !u.getRawPath().isEmpty() && !u.getRawPath().equals("/")) {
      throw new InvalidValueException(
          Problem.PATH,
          "Use the deployment's base URL, without a path such as " + u.getRawPath() + ".");
    }
    if (u.getRawQuery() != null || u.getRawFragment() != null) {
      throw new InvalidValueException(Problem.QUERY, "The URL must not contain ? or # parts.");
    }
    String port = u.getPort() > 0 ? ":" + u.getPort() : "";
    return new DeploymentUrl(
        URI.create(scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + port));
  }

  /**
   * Parses as {@link #parse(String)} and refuses {@code http://} to anything but this machine
   * (loopback) unless {@code allowInsecureHttp}: over plain HTTP the session token crosses the
   * network readable by anyone on the path.
   */
  public static DeploymentUrl parse(String text, boolean allowInsecureHttp)
      throws InvalidValueException {
    return parse(text).requireSecure(allowInsecureHttp);
  }

  /**
   * This URL if it is {@code https}, or {@code http} to a loopback host, or {@code
   * allowInsecureHttp}; otherwise a refusal that says how to allow it.
   */
  public DeploymentUrl requireSecure(boolean allowInsecureHttp) throws InvalidValueException {
    if (allowInsecureHttp || !isPlainHttp() || isLoopback()) {
      return this;
    }
    throw new InvalidValueException(
        Problem.INSECURE,
        uri
            + " uses plain http://, which would send your session token unencrypted. Use"
            + " https://, or allow insecure HTTP explicitly (coder-desktop login"
            + " --allow-insecure-http, or \"Allow insecure HTTP\" in the tray's settings).");
  }

  /** Whether the scheme is plain {@code http}. */
  public boolean isPlainHttp() {
    return "http".equals(uri.getScheme());
  }

  /**
   * Whether the host is this machine by name or literal ({@code localhost}, {@code 127.0.0.0/8},
   * {@code ::1}); no lookup is made, so a name that merely resolves to loopback does not count.
   */
  public boolean isLoopback() {
    String h = uri.getHost();
    if (h.startsWith("[") && h.endsWith("]")) {
      h = h.substring(1, h.length() - 1);
    }
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      return true;
    }
    if (h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
      return true;
    }
    if (h.contains(":")) {
      try {
        return java.net.InetAddress.ofLiteral(h).isLoopbackAddress();
      } catch (IllegalArgumentException e) {
        return false;
      }
    }
    return false;
  }

  /** The URL of an API path such as {@code /api/v2/buildinfo}. */
  public URI resolve(String path) {
    return URI.create(uri + path);
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
