/** Injected time: monotonic and wall clocks and re-armable timers. */
package dev.coderdesktop.tunnel.time;
