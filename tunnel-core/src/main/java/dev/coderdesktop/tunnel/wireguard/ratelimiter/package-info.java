/** Per-source token buckets that bound handshake processing under load. */
package dev.coderdesktop.tunnel.wireguard.ratelimiter;
