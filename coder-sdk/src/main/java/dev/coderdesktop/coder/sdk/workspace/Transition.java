// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.workspace;

/** A build's transition, as the API spells it. */
public enum Transition {
  /** Provision the workspace; its agents start. */
  START("start", "running", "started"),
  /** Tear it down; its agents go away. */
  STOP("stop", "stopped", "stopped");

  private final String wire;
  private final String settledStatus;
  private final String pastTense;

  Transition(String wire, String settledStatus, String pastTense) {
    this.wire = wire;
    this.settledStatus = settledStatus;
    this.pastTense = pastTense;
  }

  /** The API's name. */
  public String wire() {
    return wire;
  }

  /** The workspace status once such a build succeeded. */
  public String settledStatus() {
    return settledStatus;
  }

  /** For messages: "started", "stopped". */
  public String pastTense() {
    return pastTense;
  }
}
