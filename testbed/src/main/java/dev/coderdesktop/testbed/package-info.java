/** A local Coder-compatible deployment for tests and the demo. */
package dev.coderdesktop.testbed;
