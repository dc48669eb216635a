/** Coder's vpn.proto protocol between the desktop app (or CLI) and the service. */
module dev.coderdesktop.vpn.proto {
  requires transitive com.google.protobuf;
  requires java.logging;

  exports dev.coderdesktop.vpn.proto;
  exports dev.coderdesktop.vpn.proto.wire;
  exports dev.coderdesktop.vpn.proto.logging;
}
