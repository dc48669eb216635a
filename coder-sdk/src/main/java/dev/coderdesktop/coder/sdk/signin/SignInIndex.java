// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.InvalidValueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which deployments the user is signed in to, in the order they were added, and which one is
 * current (the one {@code up} and the tray use). Holds no tokens. Immutable; every change returns a
 * new index. Invariant: the current deployment, when there is one, is in the list.
 *
 * @param current the deployment in use, if any
 * @param deployments every deployment with a stored token, oldest first, no duplicates
 */
public record SignInIndex(Optional<DeploymentUrl> current, List<DeploymentUrl> deployments) {

  /** Signed in nowhere. */
  public static final SignInIndex EMPTY = new SignInIndex(Optional.empty(), List.of());

  /** Copies and checks the invariant. */
  public SignInIndex {
    deployments = List.copyOf(deployments);
    if (deployments.stream().distinct().count() != deployments.size()) {
      throw new IllegalArgumentException("a deployment is listed twice");
    }
    if (current.isPresent() && !deployments.contains(current.get())) {
      throw new IllegalArgumentException("the current deployment is not in the list");
    }
  }

  /** Whether {@code url} is signed in. */
  public boolean contains(DeploymentUrl url) {
    return deployments.contains(url);
  }

  /** {@code url} added (at the end, if new) and made current. */
  public SignInIndex adding(DeploymentUrl url) {
    List<DeploymentUrl> list = new ArrayList<>(deployments);
    if (!list.contains(url)) {
      list.add(url);
    }
    return new SignInIndex(Optional.of(url), list);
  }

  /**
   * {@code url} made current.
   *
   * @throws IllegalArgumentException if it is not signed in
   */
  public SignInIndex using(DeploymentUrl url) {
    if (!contains(url)) {
      throw new IllegalArgumentException("not signed in to " + url);
    }
    return new SignInIndex(Optional.of(url), deployments);
  }

  /**
   * {@code url} forgotten. When it was current, the first remaining deployment becomes current, so
   * signing out of one of two leaves the other in use rather than nothing.
   */
  public SignInIndex without(DeploymentUrl url) {
    List<DeploymentUrl> list = new ArrayList<>(deployments);
    list.remove(url);
    Optional<DeploymentUrl> now =
        current.isPresent() && !current.get().equals(url) ? current : list.stream().findFirst();
    return new SignInIndex(now, list);
  }

  /** The list as stored: the URLs separated by spaces (a URL has none). */
  String listText() {
    return String.join(" ", deployments.stream().map(DeploymentUrl::toString).toList());
  }

  /**
   * Reads an index as stored: {@code current} (may be empty) and {@code list} (space-separated;
   * null for a store written before there could be several, which held only {@code current}).
   * Unreadable URLs are dropped, as is a current one that is not listed.
   */
  static SignInIndex read(String current, String list) {
    List<DeploymentUrl> urls = new ArrayList<>();
    String all = list == null ? (current == null ? "" : current) : list;
    for (String part : all.strip().split("\\s+")) {
      parse(part).filter(u -> !urls.contains(u)).ifPresent(urls::add);
    }
    Optional<DeploymentUrl> cur = parse(current).filter(urls::contains);
    return new SignInIndex(cur, urls);
  }

  private static Optional<DeploymentUrl> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(DeploymentUrl.parse(text));
    } catch (InvalidValueException e) {
      return Optional.empty();
    }
  }
}
