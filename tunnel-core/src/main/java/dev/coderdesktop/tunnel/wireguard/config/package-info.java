/** Immutable WireGuard configuration values and their parser. */
package dev.coderdesktop.tunnel.wireguard.config;
