// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The contents of the 0600 credentials file: the index and a token per deployment. Written as
 * properties ({@code current}, {@code deployments} — the URLs separated by spaces — and {@code
 * token.<url>}); a file from before several deployments ({@code url} and {@code token}) reads as
 * that one deployment, current, and is rewritten in the new form on the next change. Immutable;
 * {@link #toString()} shows no token.
 *
 * @param index the deployments and the current one
 * @param tokens each listed deployment's token, as stored
 */
record CredentialsFile(SignInIndex index, Map<DeploymentUrl, String> tokens) {

  private static final String TOKEN_PREFIX = "token.";

  /** Copies; drops tokens of deployments not listed. */
  CredentialsFile {
    Map<DeploymentUrl, String> kept = new LinkedHashMap<>();
    for (DeploymentUrl u : index.deployments()) {
      String t = tokens.get(u);
      if (t != null) {
        kept.put(u, t);
      }
    }
    tokens = Map.copyOf(kept);
  }

  /** What {@code file} holds; empty when it does not exist. */
  static CredentialsFile read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return new CredentialsFile(SignInIndex.EMPTY, Map.of());
    }
    Properties p = new Properties();
    p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
    SignInIndex index;
    Map<DeploymentUrl, String> tokens = new LinkedHashMap<>();
    if (p.getProperty("deployments") == null) {
      // The single-deployment form.
      index = SignInIndex.read(p.getProperty("url"), null);
      String token = p.getProperty("token");
      index.current().filter(u -> token != null).ifPresent(u -> tokens.put(u, token));
    } else {
      index = SignInIndex.read(p.getProperty("current"), p.getProperty("deployments"));
      for (DeploymentUrl u : index.deployments()) {
        String token = p.getProperty(TOKEN_PREFIX + u);
        if (token != null) {
          tokens.put(u, token);
        }
      }
    }
    // A deployment without a token is not signed in.
    SignInIndex signedIn = index;
    for (DeploymentUrl u : index.deployments()) {
      if (!tokens.containsKey(u)) {
        signedIn = signedIn.without(u);
      }
    }
    return new CredentialsFile(signedIn, tokens);
  }

  /**
   * Writes to {@code file} through a new file created with mode 0600 before any secret goes in,
   * then moved over the old one, so a reader never sees half a file; an empty index deletes it.
   */
  void write(Path file) throws IOException {
    if (index.deployments().isEmpty()) {
      Files.deleteIfExists(file);
      return;
    }
    Properties p = new Properties();
    index.current().ifPresent(u -> p.setProperty("current", u.toString()));
    p.setProperty("deployments", index.listText());
    tokens.forEach((u, t) -> p.setProperty(TOKEN_PREFIX + u, t));
    StringWriter w = new StringWriter();
    p.store(w, "Coder Desktop sign-in; keep private");
    Files.createDirectories(file.getParent());
    Path tmp = file.resolveSibling(file.getFileName() + ".new");
    Files.deleteIfExists(tmp);
    Files.createFile(
        tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(tmp, w.toString(), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public String toString() {
    return "CredentialsFile[" + index + "]";
  }
}
