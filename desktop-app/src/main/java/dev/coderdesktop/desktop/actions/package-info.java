// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * A workspace's actions window (start or stop it, its agents' listening ports refreshed while the
 * window is open, its apps, each one click) and the {@code coder://} link handler. The view model
 * is changed on the UI thread only; REST calls run on the workers and post their results back.
 */
package dev.coderdesktop.desktop.actions;
