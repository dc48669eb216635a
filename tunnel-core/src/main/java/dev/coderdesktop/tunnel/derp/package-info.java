/**
 * The DERP relay protocol: frames, the client, and a {@code Bind} that carries WireGuard over it.
 */
package dev.coderdesktop.tunnel.derp;
