/** The Linux TUN device, through the JDK's foreign function API. */
package dev.coderdesktop.tunnel.tun.linux;
