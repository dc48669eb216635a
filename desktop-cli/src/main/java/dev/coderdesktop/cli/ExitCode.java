// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

/**
 * The exit codes of {@code coder-desktop}, documented in its help and man page. Numbered by hand:
 * scripts depend on them.
 */
public final class ExitCode {

  /** Done. */
  public static final int OK = 0;

  /** The service or the deployment refused or failed the request. */
  public static final int FAILED = 1;

  /** A usage error: an unknown option, a missing argument, a bad value, an unreadable file. */
  public static final int USAGE = 2;

  /** The service is not running or refused the connection (its socket, permissions). */
  public static final int SERVICE_UNAVAILABLE = 3;

  /** Not signed in: run {@code coder-desktop login} first. */
  public static final int NOT_SIGNED_IN = 4;

  /** {@code netcheck}: a step of the path failed. */
  public static final int CHECK_FAILED = 5;

  private ExitCode() {}
}
