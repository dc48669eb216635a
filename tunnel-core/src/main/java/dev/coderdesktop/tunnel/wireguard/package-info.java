/**
 * The WireGuard device: peers, keypairs, the receiver-index table, the send and receive paths and
 * the protocol timers, over an injected TUN device, bind and clock.
 */
package dev.coderdesktop.tunnel.wireguard;
