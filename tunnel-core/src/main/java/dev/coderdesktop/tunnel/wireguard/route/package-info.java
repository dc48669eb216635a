/** Cryptokey routing: the allowed-IPs table mapping address prefixes to peers. */
package dev.coderdesktop.tunnel.wireguard.route;
