/** Replay protection for WireGuard transport counters. */
package dev.coderdesktop.tunnel.wireguard.replay;
