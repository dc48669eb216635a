// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A stand-in for libsecret's {@code secret-tool}, for the store tests. */
final class FakeSecretTool {

  private FakeSecretTool() {}

  /**
   * A fake secret-tool keeping one item per URL in a directory and answering as libsecret's tool
   * does: {@code store} replaces the item with the same attributes, {@code lookup} prints only the
   * secret on stdout (exit 1, silent, when nothing matches), {@code clear} with or without the url
   * attribute. It records its command lines so we can check the token never appears on one.
   */
  static Path install(Path dir) throws Exception {
    Path tool = dir.resolve("bin/secret-tool");
    Path items = dir.resolve("items");
    Files.createDirectories(tool.getParent());
    Files.createDirectories(items);
    Files.writeString(
        tool,
        String.join(
            "\n",
            "#!/bin/sh",
            "echo \"$*\" >> '" + dir.resolve("argv.log") + "'",
            "items='" + items + "'",
            "key() { printf '%s' \"$1\" | od -An -tx1 | tr -d ' \\n'; }",
            "case \"$1\" in",
            "  store) shift; shift; secret=$(cat); printf '%s' \"$secret\" > \"$items/$(key \"$4\")\";;",
            "  clear) if [ -n \"$5\" ]; then f=\"$items/$(key \"$5\")\"; [ -f \"$f\" ] || exit 1; rm -f \"$f\";",
            "    else [ -n \"$(ls \"$items\")\" ] || exit 1; rm -f \"$items\"/*; fi;;",
            "  lookup) [ -n \"$5\" ] || exit 1; f=\"$items/$(key \"$5\")\"; [ -f \"$f\" ] || exit 1; cat \"$f\";;",
            "esac",
            ""));
    Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwx------"));
    return tool;
  }
}
