/** The server side of the tailnet API: coordinator, workspace feed and the websocket endpoints. */
package dev.coderdesktop.testbed.tailnet;
