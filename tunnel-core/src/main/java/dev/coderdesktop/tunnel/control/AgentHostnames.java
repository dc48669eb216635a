// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The DNS names Coder Connect gives an agent, all lower-case and under a suffix (default {@code
 * coder}): {@code <agent>.<workspace>.me.<suffix>}, {@code <agent>.<workspace>.<owner>.<suffix>},
 * and {@code <workspace>.<suffix>} when the workspace has exactly one agent. Stateless.
 */
public final class AgentHostnames {

  /** The suffix servers before v2.22 always imply. */
  public static final String DEFAULT_SUFFIX = "coder";

  /** The name whose presence tells clients Coder Connect is running (from v2.22). */
  public static final String CONNECT_PROBE_LABEL = "is.coder--connect--enabled--right--now";

  private AgentHostnames() {}

  /**
   * Every name for {@code agent} in {@code workspace} owned by {@code owner}: the {@code .me.}
   * form, the owner form, then the bare workspace name when {@code agentsInWorkspace} is one.
   */
  public static List<String> names(
      String agent, String workspace, String owner, int agentsInWorkspace, String suffix) {
    String s = normalize(suffix == null || suffix.isBlank() ? DEFAULT_SUFFIX : suffix);
    String a = normalize(agent);
    String w = normalize(workspace);
    List<String> out = new ArrayList<>(3);
    out.add(a + "." + w + ".me." + s);
    out.add(a + "." + w + "." + normalize(owner) + "." + s);
    if (agentsInWorkspace == 1) {
      out.add(w + "." + s);
    }
    return out;
  }

  /**
   * The name a user copies: {@code <workspace>.<suffix>} for one agent, else the {@code .me.} form.
   */
  public static String preferred(
      String agent, String workspace, String owner, int agentsInWorkspace, String suffix) {
    List<String> all = names(agent, workspace, owner, agentsInWorkspace, suffix);
    return all.get(all.size() - 1).split("\\.").length == 2 ? all.get(all.size() - 1) : all.get(0);
  }

  private static String normalize(String label) {
    String l = label.toLowerCase(Locale.ROOT);
    while (l.endsWith(".")) {
      l = l.substring(0, l.length() - 1);
    }
    return l;
  }
}
