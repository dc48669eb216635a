// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Properties;

/**
 * The signed-in deployment and token of the user running the CLI or the tray app (its fallback when
 * no secret service is available), in {@code $XDG_CONFIG_HOME/coder-desktop/credentials} (default
 * {@code ~/.config}), a file only the user can read. Immutable; {@link #toString()} hides the
 * token.
 *
 * @param url the deployment URL
 * @param token the session token
 */
public record Credentials(String url, String token) {

  /** The file, honouring {@code XDG_CONFIG_HOME}. */
  public static Path file() {
    String xdg = System.getenv("XDG_CONFIG_HOME");
    Path base =
        xdg != null && !xdg.isBlank()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".config");
    return base.resolve("coder-desktop").resolve("credentials");
  }

  /** Writes them, creating the file with mode 0600 before any secret goes in. */
  public void save(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Properties p = new Properties();
    p.setProperty("url", url);
    p.setProperty("token", token);
    StringWriter w = new StringWriter();
    p.store(w, "Coder Desktop sign-in; keep private");
    Files.writeString(
        file,
        w.toString(),
        java.nio.charset.StandardCharsets.UTF_8,
        StandardOpenOption.TRUNCATE_EXISTING);
  }

  /** Reads them; throws with a hint when the user has not signed in. */
  public static Credentials load(Path file) throws IOException {
    if (!Files.exists(file)) {
      throw new IOException("not signed in: run 'coder-desktop login --url URL' first");
    }
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8)));
    String url = p.getProperty("url");
    String token = p.getProperty("token");
    if (url == null || token == null) {
      throw new IOException(file + " is incomplete: run 'coder-desktop login' again");
    }
    return new Credentials(url, token);
  }

  @Override
  public String toString() {
    return "Credentials[" + url + "]";
  }
}
