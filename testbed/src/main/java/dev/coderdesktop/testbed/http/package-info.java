/** A minimal HTTP/1.1 server with websocket upgrades for the testbed. */
package dev.coderdesktop.testbed.http;
