// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

/**
 * Why a Coder request failed, as a closed set the UI can word. Messages never contain the token.
 */
public sealed class CoderException extends Exception
    permits CoderException.Api,
        CoderException.Unreachable,
        CoderException.Protocol,
        CoderException.UnsupportedServer {
  private static final long serialVersionUID = 1L;

  CoderException(String message) {
    super(message);
  }

  /** The server answered with an error status; message and detail are the server's own. */
  public static sealed class Api extends CoderException permits Unauthorized {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String detail;

    Api(int status, String message, String detail) {
      super(message + (detail == null || detail.isBlank() ? "" : " (" + detail + ")"));
      this.status = status;
      this.detail = detail;
    }

    /** The HTTP status. */
    public int status() {
      return status;
    }

    /** The server's detail text, or null. */
    public String detail() {
      return detail;
    }
  }

  /** The session token is missing, wrong, expired or revoked (HTTP 401). */
  public static final class Unauthorized extends Api {
    private static final long serialVersionUID = 1L;

    Unauthorized(String message, String detail) {
      super(401, message, detail);
    }
  }

  /** The deployment could not be reached (DNS, refused connection, TLS, timeout). */
  public static final class Unreachable extends CoderException {
    private static final long serialVersionUID = 1L;

    Unreachable(String message) {
      super(message);
    }
  }

  /** The server answered with something that is not the Coder API (not JSON, wrong shape). */
  public static final class Protocol extends CoderException {
    private static final long serialVersionUID = 1L;

    Protocol(String message) {
      super(message);
    }
  }

  /** The server is older than Coder Desktop supports. */
  public static final class UnsupportedServer extends CoderException {
    private static final long serialVersionUID = 1L;
    private final ServerVersion server;

    UnsupportedServer(ServerVersion server) {
      super(
          "This deployment runs Coder "
              + server
              + "; Coder Desktop needs "
              + ServerVersion.MINIMUM
              + " or later.");
      this.server = server;
    }

    /** The server's version. */
    public ServerVersion server() {
      return server;
    }
  }
}
