/** TAI64N timestamps carried in WireGuard handshake initiations. */
package dev.coderdesktop.tunnel.wireguard.tai64n;
