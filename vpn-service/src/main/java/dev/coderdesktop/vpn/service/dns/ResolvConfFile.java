// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import java.util.logging.Logger;

/**
 * Replacing a system file's bytes safely: a temporary file beside it renamed over it, or, when the
 * rename is refused, the same bytes written in place. The rename fails with EBUSY when the file is
 * a mount point (inside {@code ip netns exec} /etc/resolv.conf is a bind mount of
 * /etc/netns/NAME/resolv.conf) and with EROFS when only the file itself is writable (the unit's
 * {@code ReadWritePaths=}); writing in place works in both. Permissions are kept. Stateless.
 */
final class ResolvConfFile {

  private static final Logger LOG = Logger.getLogger(ResolvConfFile.class.getName());

  private ResolvConfFile() {}

  /** Makes {@code file} hold exactly {@code bytes}, keeping its permissions. */
  static void replace(Path file, byte[] bytes) throws IOException {
    Set<PosixFilePermission> perms = permissions(file);
    Path tmp = null;
    try {
      tmp = Files.createTempFile(file.getParent(), ".coder-desktop-", ".tmp");
      Files.write(tmp, bytes);
      Files.setPosixFilePermissions(tmp, perms);
      try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        c.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      return;
    } catch (IOException e) {
      LOG.fine("cannot rename over " + file + " (" + e + "); writing in place");
      if (tmp != null) {
        Files.deleteIfExists(tmp);
      }
    }
    writeInPlace(file, bytes);
  }

  /** Writes {@code bytes} into the existing inode (truncate, write, sync). */
  static void writeInPlace(Path file, byte[] bytes) throws IOException {
    try (FileChannel c =
        FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
      ByteBuffer b = ByteBuffer.wrap(bytes);
      while (b.hasRemaining()) {
        c.write(b);
      }
      c.force(true);
    }
  }

  /** Writes {@code bytes} to a new file durably: temp, sync, rename (the state directory). */
  static void writeDurably(Path file, byte[] bytes) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static Set<PosixFilePermission> permissions(Path file) throws IOException {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new IOException(file + " does not exist");
    }
    return Files.getPosixFilePermissions(file);
  }
}
