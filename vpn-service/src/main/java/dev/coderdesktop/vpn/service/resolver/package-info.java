/** Split-DNS configuration of the system resolver for the {@code .coder} suffix. */
package dev.coderdesktop.vpn.service.resolver;
