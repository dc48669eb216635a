/**
 * The Coder Connect engine: userspace WireGuard, the DERP relay client, the tailnet control plane
 * and the TUN device. It has no user interface and changes no operating-system configuration.
 */
module dev.coderdesktop.tunnel {
  requires org.bouncycastle.provider;
  requires java.logging;

  exports dev.coderdesktop.tunnel.crypto;
  exports dev.coderdesktop.tunnel.time;
  exports dev.coderdesktop.tunnel.tun;
  exports dev.coderdesktop.tunnel.bind;
  exports dev.coderdesktop.tunnel.wireguard;
  exports dev.coderdesktop.tunnel.wireguard.config;
  exports dev.coderdesktop.tunnel.wireguard.route;
}
