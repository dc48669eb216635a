// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
/**
 * The Coder Connect engine: userspace WireGuard, the DERP relay client, the tailnet control plane
 * and the TUN device. It has no user interface and changes no operating-system configuration.
 *
 * <p>It exports only what other modules import (ModuleExportsTest checks this): the engine's API to
 * everyone, and the protocol pieces the testbed's server half is built from to the testbed alone.
 * The WireGuard internals (noise, cookie, replay, ...) stay inside.
 */
module dev.coderdesktop.tunnel {
  requires org.bouncycastle.provider;
  requires java.logging;
  requires java.net.http;
  requires com.google.protobuf;

  // The engine's API: what the service drives.
  exports dev.coderdesktop.tunnel.connect;
  exports dev.coderdesktop.tunnel.crypto;
  exports dev.coderdesktop.tunnel.control;
  exports dev.coderdesktop.tunnel.derp;
  exports dev.coderdesktop.tunnel.netmon;
  exports dev.coderdesktop.tunnel.path;
  exports dev.coderdesktop.tunnel.stun;
  exports dev.coderdesktop.tunnel.time;
  exports dev.coderdesktop.tunnel.tun;
  exports dev.coderdesktop.tunnel.tun.linux;
  exports dev.coderdesktop.tunnel.transport;
  exports dev.coderdesktop.tunnel.control.proto to
      dev.coderdesktop.vpn.service,
      dev.coderdesktop.testbed;

  // The server half of each protocol lives in the testbed, built from these.
  exports dev.coderdesktop.tunnel.bind to
      dev.coderdesktop.testbed;
  exports dev.coderdesktop.tunnel.control.drpc to
      dev.coderdesktop.testbed;
  exports dev.coderdesktop.tunnel.control.yamux to
      dev.coderdesktop.testbed;
  exports dev.coderdesktop.tunnel.disco to
      dev.coderdesktop.testbed;
  exports dev.coderdesktop.tunnel.wireguard to
      dev.coderdesktop.testbed;
  exports dev.coderdesktop.tunnel.wireguard.config to
      dev.coderdesktop.testbed;
}
