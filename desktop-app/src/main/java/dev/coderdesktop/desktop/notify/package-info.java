// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * Desktop notifications: which changes deserve one ({@link
 * dev.coderdesktop.desktop.notify.NotificationRules}, pure), the observer that watches the view
 * model on the UI thread and honours the setting, and the sender that posts them to
 * org.freedesktop.Notifications on the session bus (off the UI thread).
 */
package dev.coderdesktop.desktop.notify;
