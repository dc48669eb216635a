/** Datagram transports that carry WireGuard messages between peers. */
package dev.coderdesktop.tunnel.bind;
