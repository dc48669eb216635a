// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * HTTPS for the testbed: a throwaway certificate authority and a server certificate made at start,
 * so that clients can be tested against a deployment whose CA is not a public one.
 */
package dev.coderdesktop.testbed.tls;
