/** yamux stream multiplexing, as Coder's tailnet control connection uses it. */
package dev.coderdesktop.tunnel.control.yamux;
