// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.transport;

import java.io.IOException;
import java.io.InputStream;

/**
 * An input stream defined by its bulk {@link #read(byte[], int, int)}, which blocks until at least
 * one byte or the end: the single-byte {@link #read()} goes through it, so a stream over frames or
 * chunks implements one method. Thread-safety is the subclass's.
 */
public abstract class BulkInputStream extends InputStream {

  /** For subclasses. */
  protected BulkInputStream() {}

  @Override
  public final int read() throws IOException {
    byte[] one = new byte[1];
    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public abstract int read(byte[] b, int off, int len) throws IOException;
}
