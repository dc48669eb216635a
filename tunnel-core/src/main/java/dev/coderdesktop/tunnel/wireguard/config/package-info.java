/** WireGuard interface configuration values and the {@code wg setconf}/wg-quick text parser. */
package dev.coderdesktop.tunnel.wireguard.config;
