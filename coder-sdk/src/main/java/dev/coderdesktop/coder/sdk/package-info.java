// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The Coder REST calls Coder Desktop makes ({@link dev.coderdesktop.coder.sdk.CoderClient}: build
 * info, the signed-in user, the agent connection info, workspaces) and the values they return, plus
 * the sign-in values that must never leak ({@link dev.coderdesktop.coder.sdk.SessionToken}) and the
 * deployment URL and hostname-suffix checks (both refuse with an {@link
 * dev.coderdesktop.coder.sdk.InvalidValueException}). Values are immutable; the client is
 * thread-safe and blocks the calling thread for each request.
 */
package dev.coderdesktop.coder.sdk;
