/** A standalone WireGuard interface for interoperability tests and benchmarks. */
package dev.coderdesktop.testbed.standalone;
