/** The websocket that carries the tailnet API's yamux stream. */
package dev.coderdesktop.tunnel.control.websocket;
