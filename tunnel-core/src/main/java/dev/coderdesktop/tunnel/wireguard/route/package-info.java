/** Allowed-IPs routing: which peer owns which address. */
package dev.coderdesktop.tunnel.wireguard.route;
