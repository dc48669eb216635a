// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.notify;

import dev.coderdesktop.desktop.state.AppState;
import dev.coderdesktop.desktop.state.AppStatus;
import dev.coderdesktop.desktop.workspaces.WorkspaceRow;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which changes are worth interrupting the user for, as pure functions of before and after. A stop
 * the user asked for goes through DISCONNECTING and raises nothing; leaving ON any other way is a
 * drop. Stateless.
 */
public final class NotificationRules {

  /** How the service and the deployment word a refused token. */
  private static final Pattern EXPIRED =
      Pattern.compile("(?i)(session token|401|unauthori[sz]ed|sign.?in again|expired)");

  private NotificationRules() {}

  /** The notice for a change of the app's status, if any. */
  public static Optional<Notice> onStatus(AppStatus was, AppStatus now) {
    if (now.state() == AppState.ERROR
        && was.state() != AppState.ERROR
        && EXPIRED.matcher(now.detail()).find()) {
      return Optional.of(
          new Notice(
              Notice.Kind.SIGN_IN_EXPIRED,
              "Coder sign-in expired",
              "The deployment refused your session token. Sign in again from Coder Desktop."));
    }
    boolean dropped =
        was.state() == AppState.ON
            && (now.state() == AppState.OFF
                || now.state() == AppState.ERROR
                || now.state() == AppState.SERVICE_UNAVAILABLE);
    if (dropped) {
      String why = now.detail().isEmpty() ? "" : " " + sentence(now.detail());
      return Optional.of(
          new Notice(
              Notice.Kind.VPN_DROPPED,
              "CoderVPN disconnected",
              ("Your workspaces are no longer reachable by name." + why).strip()));
    }
    return Optional.empty();
  }

  /** A notice per workspace that was running and now is not. */
  public static List<Notice> onRows(List<WorkspaceRow> was, List<WorkspaceRow> now) {
    Map<UUID, WorkspaceRow> before =
        was.stream().collect(Collectors.toMap(WorkspaceRow::id, Function.identity(), (a, b) -> a));
    List<Notice> out = new ArrayList<>();
    for (WorkspaceRow w : now) {
      WorkspaceRow b = before.get(w.id());
      if (b != null && b.running() && !w.running()) {
        out.add(
            new Notice(
                Notice.Kind.WORKSPACE_STOPPED,
                "Workspace " + w.name() + " stopped",
                w.hostname().isEmpty()
                    ? "It is no longer reachable."
                    : w.hostname() + " is no longer reachable."));
      }
    }
    return out;
  }

  private static String sentence(String s) {
    String t = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    return t.endsWith(".") ? t : t + ".";
  }
}
