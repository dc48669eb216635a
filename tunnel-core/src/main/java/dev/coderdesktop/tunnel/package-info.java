/** The Coder Connect engine. */
package dev.coderdesktop.tunnel;
