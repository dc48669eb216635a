/**
 * Disco, the tailnet's discovery side channel: sealed Ping, Pong and CallMeMaybe messages between
 * nodes' disco keys, here carried over the DERP relay. Used to answer peers' pings and to measure
 * each agent's round-trip time.
 */
package dev.coderdesktop.tunnel.disco;
