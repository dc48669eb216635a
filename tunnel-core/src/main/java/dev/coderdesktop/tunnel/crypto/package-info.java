/** Key values and the cryptographic primitives the engine's protocols share. */
package dev.coderdesktop.tunnel.crypto;
