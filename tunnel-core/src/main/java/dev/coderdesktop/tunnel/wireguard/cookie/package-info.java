/** WireGuard's mac1/mac2 and cookie-reply DoS protection. */
package dev.coderdesktop.tunnel.wireguard.cookie;
