// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The app's two kinds of thread: {@link dev.coderdesktop.desktop.threading.UiThread} marshals onto
 * the FX thread, {@link dev.coderdesktop.desktop.threading.Workers} runs blocking work on named
 * threads that route failures to a handler instead of losing them.
 */
package dev.coderdesktop.desktop.threading;
