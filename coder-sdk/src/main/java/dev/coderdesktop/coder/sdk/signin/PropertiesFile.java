// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * Reads and updates a properties file that several writers share (the tray's settings and the
 * sign-in's URL): an update keeps every key it does not name. Not for tokens, but the file is
 * private (mode 0600, also when an older version left it readable): the settings' extra headers
 * often carry credentials for a gateway in front of the deployment. Not atomic across processes;
 * the writers are one user's own programs, changing different keys.
 */
public final class PropertiesFile {

  private PropertiesFile() {}

  /** The file's properties; empty when it does not exist. */
  public static Properties read(Path file) throws IOException {
    Properties p = new Properties();
    if (Files.exists(file)) {
      p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    }
    return p;
  }

  /** Sets each key to its value, or removes it when the value is null, keeping the other keys. */
  public static void update(Path file, Map<String, String> changes, String comment)
      throws IOException {
    Properties p = read(file);
    changes.forEach(
        (k, v) -> {
          if (v == null) {
            p.remove(k);
          } else {
            p.setProperty(k, v);
          }
        });
    StringWriter w = new StringWriter();
    p.store(w, comment);
    Files.createDirectories(file.getParent());
    java.util.Set<java.nio.file.attribute.PosixFilePermission> owner =
        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------");
    if (Files.exists(file)) {
      Files.setPosixFilePermissions(file, owner);
    } else {
      // Created private before anything is written, so no moment exists when others may read it.
      Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(owner));
    }
    Files.writeString(
        file,
        w.toString(),
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
  }
}
