/** WireGuard message layouts. */
package dev.coderdesktop.tunnel.wireguard.message;
