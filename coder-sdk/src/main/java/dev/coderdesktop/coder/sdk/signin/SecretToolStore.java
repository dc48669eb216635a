// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk.signin;

import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.SessionToken;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The freedesktop Secret Service (GNOME Keyring, KWallet) through libsecret's {@code secret-tool}:
 * each deployment's token is a secret of its own, stored under the attributes {@code
 * service=coder-desktop} and {@code url=<deployment>}; the index lives in the settings file ({@code
 * url}, the current deployment, as before there could be several, and {@code deployments}, all of
 * them), so reading back is one {@code secret-tool lookup} (which prints just the secret on stdout)
 * and never parses {@code search} output (whose attribute lines go to stderr). The token reaches
 * the tool on standard input, never on its command line. Tokens left in the plain credentials file
 * (a session without a keyring before) move into the keyring on the next save. Thread-safe (each
 * call is its own process).
 */
public final class SecretToolStore implements TokenStore {

  /** The attribute all our items carry. */
  static final String SERVICE = "coder-desktop";

  /** The settings file's key for the current deployment's URL. */
  static final String URL_KEY = "url";

  /** The settings file's key for every deployment's URL, separated by spaces. */
  static final String LIST_KEY = "deployments";

  private static final long TIMEOUT_SECONDS = 20;

  private final Path tool;
  private final Map<String, String> env;
  private final SignInFiles files;

  /**
   * A store using the {@code secret-tool} at {@code tool}.
   *
   * @param env the session's environment (its {@code DBUS_SESSION_BUS_ADDRESS} reaches the tool)
   * @param files the settings file (for the index) and the plain credentials file (moved into the
   *     keyring on save, so no token is left in a file once the keyring holds them)
   */
  public SecretToolStore(Path tool, Map<String, String> env, SignInFiles files) {
    this.tool = tool;
    this.env = Map.copyOf(env);
    this.files = files;
  }

  @Override
  public SignInIndex index() throws IOException {
    Properties p = PropertiesFile.read(files.settings());
    return SignInIndex.read(p.getProperty(URL_KEY), p.getProperty(LIST_KEY));
  }

  @Override
  public Optional<SignIn> load(DeploymentUrl url) throws IOException {
    Result r = run(List.of("lookup", "service", SERVICE, "url", url.toString()), null);
    // lookup exits 1 with nothing on stderr when no item matches.
    if (r.exit() != 0 && r.err().isEmpty()) {
      return Optional.empty();
    }
    r.check("lookup");
    String secret = r.out().strip();
    if (secret.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SignIn(url, SessionToken.of(secret)));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  @Override
  public synchronized void save(SignIn signIn) throws IOException {
    SignInIndex index = index();
    FileTokenStore plain = new FileTokenStore(files.credentials());
    for (Map.Entry<DeploymentUrl, String> e : plain.tokens().entrySet()) {
      if (!index.contains(e.getKey()) && !e.getKey().equals(signIn.url())) {
        store(e.getKey(), e.getValue());
        index = index.adding(e.getKey());
      }
    }
    // Storing under the same attributes replaces that deployment's item.
    store(signIn.url(), signIn.token().reveal());
    writeIndex(index.adding(signIn.url()));
    plain.clear();
  }

  @Override
  public synchronized void use(DeploymentUrl url) throws IOException {
    writeIndex(index().using(url));
  }

  @Override
  public synchronized void remove(DeploymentUrl url) throws IOException {
    Result r = run(List.of("clear", "service", SERVICE, "url", url.toString()), null);
    if (!(r.exit() == 1 && r.err().isEmpty())) {
      r.check("clear");
    }
    SignInIndex index = index();
    if (index.contains(url)) {
      writeIndex(index.without(url));
    }
  }

  @Override
  public synchronized void clear() throws IOException {
    // Like lookup, clear exits 1 without a word when there were no items.
    Result r = run(List.of("clear", "service", SERVICE), null);
    if (!(r.exit() == 1 && r.err().isEmpty())) {
      r.check("clear");
    }
    if (Files.exists(files.settings())) {
      writeIndex(SignInIndex.EMPTY);
    }
    Files.deleteIfExists(files.credentials());
  }

  private void store(DeploymentUrl url, String token) throws IOException {
    run(
            List.of(
                "store",
                "--label=Coder Desktop session token (" + url.uri().getHost() + ")",
                "service",
                SERVICE,
                "url",
                url.toString()),
            token)
        .check("store");
  }

  private void writeIndex(SignInIndex index) throws IOException {
    Map<String, String> change = new HashMap<>();
    change.put(URL_KEY, index.current().map(DeploymentUrl::toString).orElse(null));
    change.put(LIST_KEY, index.deployments().isEmpty() ? null : index.listText());
    PropertiesFile.update(files.settings(), change, "Coder Desktop settings");
  }

  @Override
  public String describe() {
    return "the desktop keyring (Secret Service, via secret-tool)";
  }

  /** Whether the tool answers at all: it needs a session bus and a keyring behind it. */
  boolean works() {
    try {
      Result r = run(List.of("lookup", "service", SERVICE + "-probe"), null);
      return r.exit() == 0 || r.err().isEmpty();
    } catch (IOException e) {
      return false;
    }
  }

  /** One run's outcome; {@code err} is stripped. */
  private record Result(int exit, String out, String err) {
    void check(String what) throws IOException {
      if (exit != 0) {
        throw new IOException("secret-tool " + what + " failed (exit " + exit + "): " + err);
      }
    }
  }

  private Result run(List<String> args, String stdin) throws IOException {
    List<String> argv = new ArrayList<>();
    argv.add(tool.toString());
    argv.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(argv);
    pb.environment().putAll(env);
    Process p = pb.start();
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
    return new Result(
        p.exitValue(),
        new String(out, StandardCharsets.UTF_8),
        new String(err, StandardCharsets.UTF_8).strip());
  }
}
