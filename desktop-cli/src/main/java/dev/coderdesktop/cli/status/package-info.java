// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * {@code status} and {@code hosts}: the service's Status as a table for people and as JSON (schema
 * in docs/cli.md) for scripts. The mapping is pure; printing is single-threaded.
 */
package dev.coderdesktop.cli.status;
