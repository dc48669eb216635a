// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * A {@code coder://} link as Coder's desktop apps accept them: {@code
 * coder://<deployment-host>/v0/open/ws/<workspace>/agent/<agent>/rdp?username=..&password=..}. The
 * host must be the signed-in deployment's; the only action so far is opening Remote Desktop to the
 * agent. Immutable; {@link #toString()} never shows the password.
 *
 * @param authority the deployment host (and port) the link is for, lower case
 * @param workspace the workspace name
 * @param agent the agent name
 * @param username the RDP user, if given
 * @param password the RDP password, if given (copied to the clipboard, never logged)
 */
public record CoderLink(
    String authority,
    String workspace,
    String agent,
    Optional<String> username,
    Optional<String> password) {

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a message for the user: not a coder:// link, or a form we
   *     do not know
   */
  public static CoderLink parse(String text) {
    URI u;
    try {
      u = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("not a valid link: " + e.getReason());
    }
    if (u.getScheme() == null || !u.getScheme().equalsIgnoreCase("coder")) {
      throw new IllegalArgumentException("not a coder:// link");
    }
    if (u.getHost() == null || u.getHost().isEmpty()) {
      throw new IllegalArgumentException("the link names no deployment");
    }
    String[] parts = u.getPath() == null ? new String[0] : u.getPath().split("/", -1);
    // "", "v0", "open", "ws", <workspace>, "agent", <agent>, <action>
    if (parts.length != 8
        || !parts[0].isEmpty()
        || !parts[1].equals("v0")
        || !parts[2].equals("open")
        || !parts[3].equals("ws")
        || parts[4].isEmpty()
        || !parts[5].equals("agent")
        || parts[6].isEmpty()) {
      throw new IllegalArgumentException(
          "unsupported link format (expected coder://<deployment>/v0/open/ws/<workspace>/agent/<agent>/rdp)");
    }
    if (!parts[7].equals("rdp")) {
      throw new IllegalArgumentException("unsupported link action: " + parts[7]);
    }
    String authority =
        u.getHost().toLowerCase(Locale.ROOT) + (u.getPort() > 0 ? ":" + u.getPort() : "");
    return new CoderLink(authority, parts[4], parts[6], query(u, "username"), query(u, "password"));
  }

  /**
   * Whether the link is for the deployment at {@code deployment} (host, and port if it has one).
   */
  public boolean isFor(URI deployment) {
    String host = deployment.getHost() == null ? "" : deployment.getHost().toLowerCase(Locale.ROOT);
    return authority.equals(host) || authority.equals(host + ":" + deployment.getPort());
  }

  private static Optional<String> query(URI u, String name) {
    String raw = u.getRawQuery();
    if (raw == null) {
      return Optional.empty();
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      if (k.equals(name)) {
        String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        return v.isEmpty() ? Optional.empty() : Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /**
   * The Remote Desktop URL for the agent at {@code host} (port 3389), as RDP clients on Linux
   * (Remmina, FreeRDP's handlers) accept it.
   */
  public String rdpUrl(String host) {
    return "rdp://"
        + username
            .map(n -> URLEncoder.encode(n, StandardCharsets.UTF_8).replace("+", "%20") + "@")
            .orElse("")
        + host
        + ":3389";
  }

  @Override
  public String toString() {
    return "coder://"
        + authority
        + "/v0/open/ws/"
        + workspace
        + "/agent/"
        + agent
        + "/rdp"
        + (password.isPresent() ? " (with a password)" : "");
  }
}
