/** The testbed's REST API and its DERP relay endpoint. */
package dev.coderdesktop.testbed.api;
