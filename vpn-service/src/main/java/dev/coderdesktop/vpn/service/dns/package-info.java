/** The resolver for the agents' {@code .coder} names. */
package dev.coderdesktop.vpn.service.dns;
