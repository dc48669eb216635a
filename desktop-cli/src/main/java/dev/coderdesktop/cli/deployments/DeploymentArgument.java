// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli.deployments;

import dev.coderdesktop.cli.ExitCode;
import dev.coderdesktop.cli.UserError;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.InvalidValueException;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import picocli.CommandLine.Parameters;

/**
 * The optional DEPLOYMENT argument that {@code use} and {@code logout} share, mixed into both, and
 * which signed-in deployment it names: its URL, its host (or {@code host:port}), or an unambiguous
 * beginning of either, in that order of preference. picocli fills the field on the command's thread
 * before {@link #resolve} is called.
 */
public final class DeploymentArgument {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "DEPLOYMENT",
      description = "Its URL, its host, or an unambiguous beginning of either.")
  String text;

  /** Whether the argument was given. */
  public boolean given() {
    return text != null;
  }

  /**
   * The deployment in {@code signedIn} that the argument names.
   *
   * @throws UserError {@link ExitCode#NOT_SIGNED_IN} when none matches, {@link ExitCode#USAGE} when
   *     several do
   */
  public DeploymentUrl resolve(List<DeploymentUrl> signedIn) throws UserError {
    String t = text.strip().toLowerCase(Locale.ROOT);
    try {
      DeploymentUrl exact = DeploymentUrl.parse(t);
      if (signedIn.contains(exact)) {
        return exact;
      }
    } catch (InvalidValueException e) {
      // Not a URL; a host or a prefix, below.
    }
    List<Predicate<DeploymentUrl>> tries =
        List.of(
            u -> host(u).equals(t) || authority(u).equals(t),
            u -> u.toString().startsWith(t) || authority(u).startsWith(t));
    for (Predicate<DeploymentUrl> p : tries) {
      List<DeploymentUrl> found = signedIn.stream().filter(p).toList();
      if (found.size() == 1) {
        return found.getFirst();
      }
      if (found.size() > 1) {
        throw new UserError(
            ExitCode.USAGE, "'" + text + "' matches " + names(found) + "; give more of the URL");
      }
    }
    throw new UserError(
        ExitCode.NOT_SIGNED_IN,
        "not signed in to '"
            + text
            + "'"
            + (signedIn.isEmpty() ? "" : " (signed in to " + names(signedIn) + ")")
            + ": run 'coder-desktop login URL' to add it");
  }

  private static String host(DeploymentUrl u) {
    return u.uri().getHost();
  }

  private static String authority(DeploymentUrl u) {
    return u.uri().getAuthority();
  }

  private static String names(List<DeploymentUrl> list) {
    return String.join(", ", list.stream().map(DeploymentUrl::toString).toList());
  }
}
