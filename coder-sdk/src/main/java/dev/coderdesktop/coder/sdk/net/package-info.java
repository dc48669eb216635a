// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * How we reach a deployment across a company network: the certificate authorities we trust ({@link
 * dev.coderdesktop.coder.sdk.net.TrustStore}) and the HTTP proxy policy ({@link
 * dev.coderdesktop.coder.sdk.net.ProxyPolicy}), built once and shared by the REST client, the
 * tailnet websocket and DERP. Immutable values; thread-safe.
 */
package dev.coderdesktop.coder.sdk.net;
