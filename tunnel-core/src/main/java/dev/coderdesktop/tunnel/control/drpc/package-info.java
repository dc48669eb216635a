/** dRPC framing and calls, one call per yamux stream, as Coder's tailnet API uses them. */
package dev.coderdesktop.tunnel.control.drpc;
