/** A standalone WireGuard interface for interoperability tests and benchmarks. */
package dev.coderdesktop.tunnel.wireguard.standalone;
