/**
 * The Coder Connect engine: userspace WireGuard, the DERP relay client, the tailnet control plane
 * and the TUN device. It has no user interface and changes no operating-system configuration.
 */
module dev.coderdesktop.tunnel {
  requires org.bouncycastle.provider;
  requires java.logging;
  requires java.net.http;
  requires com.google.protobuf;

  exports dev.coderdesktop.tunnel.connect;
  exports dev.coderdesktop.tunnel.control;
  exports dev.coderdesktop.tunnel.control.drpc;
  exports dev.coderdesktop.tunnel.control.proto;
  exports dev.coderdesktop.tunnel.transport;
  exports dev.coderdesktop.tunnel.control.yamux;
  exports dev.coderdesktop.tunnel.crypto;
  exports dev.coderdesktop.tunnel.derp;
  exports dev.coderdesktop.tunnel.derp.server;
  exports dev.coderdesktop.tunnel.disco;
  exports dev.coderdesktop.tunnel.time;
  exports dev.coderdesktop.tunnel.wireguard;
  exports dev.coderdesktop.tunnel.wireguard.config;
  exports dev.coderdesktop.tunnel.wireguard.route;
  exports dev.coderdesktop.tunnel.wireguard.cookie;
  exports dev.coderdesktop.tunnel.wireguard.message;
  exports dev.coderdesktop.tunnel.wireguard.noise;
  exports dev.coderdesktop.tunnel.wireguard.replay;
  exports dev.coderdesktop.tunnel.wireguard.tai64n;
  exports dev.coderdesktop.tunnel.tun;
  exports dev.coderdesktop.tunnel.tun.linux;
  exports dev.coderdesktop.tunnel.bind;
}
