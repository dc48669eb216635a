/** The testbed's workspace agent, run inside a network namespace. */
package dev.coderdesktop.testbed.agent;
