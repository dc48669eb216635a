/** The Coder tailnet control plane: addressing, names, and (later) the coordination session. */
package dev.coderdesktop.tunnel.control;
