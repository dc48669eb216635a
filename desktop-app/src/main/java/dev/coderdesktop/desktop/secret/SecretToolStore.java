// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.secret;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The freedesktop Secret Service (GNOME Keyring, KWallet) through libsecret's {@code secret-tool}:
 * the token is the secret, the deployment URL an attribute. The token goes to the process on
 * standard input, never on its command line. Thread-safe (each call is its own process).
 */
public final class SecretToolStore implements TokenStore {

  /** The attribute all our items carry. */
  static final String SERVICE = "coder-desktop";

  private static final long TIMEOUT_SECONDS = 20;

  private final Path tool;

  /** A store using the {@code secret-tool} at {@code tool}. */
  public SecretToolStore(Path tool) {
    this.tool = tool;
  }

  @Override
  public Optional<SignIn> load() throws IOException {
    String out = run(List.of("search", "--all", "service", SERVICE), null);
    String url = null;
    String secret = null;
    for (String line : out.split("\n", -1)) {
      int eq = line.indexOf(" = ");
      if (eq < 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 3);
      if (key.equals("attribute.url") && url == null) {
        url = value.strip();
      } else if (key.equals("secret") && secret == null) {
        secret = value.strip();
      }
    }
    if (url == null || secret == null || secret.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SignIn(DeploymentUrl.parse(url), SessionToken.of(secret)));
    } catch (DeploymentUrl.InvalidException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public void save(SignIn signIn) throws IOException {
    clear();
    run(
        List.of(
            "store",
            "--label=Coder Desktop session token",
            "service",
            SERVICE,
            "url",
            signIn.url().toString()),
        signIn.token().reveal());
  }

  @Override
  public void clear() throws IOException {
    run(List.of("clear", "service", SERVICE), null);
  }

  @Override
  public String describe() {
    return "the desktop keyring (Secret Service, via secret-tool)";
  }

  /** Whether the tool answers at all: it needs a session bus and a keyring behind it. */
  boolean works() {
    try {
      run(List.of("search", "service", SERVICE + "-probe"), null);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private String run(List<String> args, String stdin) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(tool.toString());
    argv.addAll(args);
    Process p = new ProcessBuilder(argv).redirectErrorStream(false).start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    byte[] out;
    byte[] err;
    try (InputStream o = p.getInputStream();
        InputStream e = p.getErrorStream()) {
      out = o.readAllBytes();
      err = e.readAllBytes();
    }
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException("secret-tool did not finish in " + TIMEOUT_SECONDS + " s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted while waiting for secret-tool");
    }
    // "search" exits 1 when nothing matches; that is an empty answer, not a failure.
    if (p.exitValue() != 0 && !(args.get(0).equals("search") && err.length == 0)) {
      throw new IOException(
          "secret-tool "
              + args.get(0)
              + " failed (exit "
              + p.exitValue()
              + "): "
              + new String(err, StandardCharsets.UTF_8).strip());
    }
    return new String(out, StandardCharsets.UTF_8);
  }
}
