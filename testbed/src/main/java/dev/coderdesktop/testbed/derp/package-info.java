/** A DERP relay server for tests and the local testbed. */
package dev.coderdesktop.testbed.derp;
