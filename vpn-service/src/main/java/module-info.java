/** The privileged service: TUN device, addresses, routes, and the Coder Connect engine. */
module dev.coderdesktop.vpn.service {
  requires dev.coderdesktop.tunnel;
  requires dev.coderdesktop.coder.sdk;
  requires java.logging;
  requires jdk.net;
  requires dev.coderdesktop.vpn.proto;

  exports dev.coderdesktop.vpn.service.dns;
}
