// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import java.util.Objects;

/**
 * A peer reached through the DERP relay, addressed by its node key (its WireGuard public key).
 *
 * @param nodeKey the peer's node key
 */
public record DerpEndpoint(Key nodeKey) implements Endpoint {

  /** Validates. */
  public DerpEndpoint {
    Objects.requireNonNull(nodeKey, "nodeKey");
  }

  @Override
  public byte[] addressBytes() {
    return nodeKey.bytes();
  }

  @Override
  public String toString() {
    return "derp:" + nodeKey.toBase64().substring(0, 8);
  }
}
