/** Layer-3 packet devices: the Linux TUN device and the interface the engine reads and writes. */
package dev.coderdesktop.tunnel.tun;
