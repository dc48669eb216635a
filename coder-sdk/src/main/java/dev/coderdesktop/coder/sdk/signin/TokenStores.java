// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Picks the store this session has, the same way for the tray app and the CLI, so both see one
 * sign-in. Stateless.
 */
public final class TokenStores {

  private static final Logger LOG = Logger.getLogger(TokenStores.class.getName());

  private TokenStores() {}

  /**
   * The Secret Service via {@code secret-tool} when it is installed, a session bus is set and the
   * keyring answers; otherwise the 0600 file. {@code CODER_DESKTOP_TOKEN_STORE=file} forces the
   * file (for machines whose keyring prompts).
   */
  public static TokenStore choose(Map<String, String> env, SignInFiles files) {
    Optional<Path> tool = onPath(env, "secret-tool");
    String why;
    if ("file".equals(env.get("CODER_DESKTOP_TOKEN_STORE"))) {
      why = "CODER_DESKTOP_TOKEN_STORE=file";
    } else if (tool.isEmpty()) {
      why = "secret-tool is not installed (Debian: libsecret-tools)";
    } else if (env.getOrDefault("DBUS_SESSION_BUS_ADDRESS", "").isBlank()) {
      why = "there is no D-Bus session bus";
    } else {
      SecretToolStore s = new SecretToolStore(tool.get(), env, files);
      if (s.works()) {
        LOG.fine("keeping the session token in " + s.describe());
        return s;
      }
      why = "the Secret Service did not answer";
    }
    FileTokenStore f = new FileTokenStore(files.credentials());
    LOG.fine("keeping the session token in " + f.describe() + ": " + why);
    return f;
  }

  static Optional<Path> onPath(Map<String, String> env, String name) {
    for (String dir : env.getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }
}
