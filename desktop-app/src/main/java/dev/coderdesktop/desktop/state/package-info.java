// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The app's one state machine ({@link dev.coderdesktop.desktop.state.AppStateMachine}: signed out,
 * off, connecting, on, error) with its single transition method. Confined to the FX thread
 * (checked), so views bind its property directly.
 */
package dev.coderdesktop.desktop.state;
