// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/** Key values and the cryptographic primitives the engine's protocols share. */
package dev.coderdesktop.tunnel.crypto;
