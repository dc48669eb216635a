/** The codervpn handshake, framing and the Speaker that owns request/reply correlation. */
package dev.coderdesktop.vpn.proto;
