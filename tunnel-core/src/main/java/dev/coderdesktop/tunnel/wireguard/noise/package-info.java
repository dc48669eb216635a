/** The Noise IKpsk2 handshake as WireGuard uses it. */
package dev.coderdesktop.tunnel.wireguard.noise;
