/** The testbed config file format. */
package dev.coderdesktop.testbed.config;
