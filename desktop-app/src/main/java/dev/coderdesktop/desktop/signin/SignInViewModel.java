// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.signin;

import dev.coderdesktop.coder.sdk.CoderClient;
import dev.coderdesktop.coder.sdk.CoderException;
import dev.coderdesktop.coder.sdk.DeploymentUrl;
import dev.coderdesktop.coder.sdk.InvalidValueException;
import dev.coderdesktop.coder.sdk.SessionToken;
import dev.coderdesktop.coder.sdk.signin.SignIn;
import dev.coderdesktop.coder.sdk.signin.TokenStore;
import dev.coderdesktop.desktop.threading.UiThread;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The two-page sign-in: first the deployment URL (well-formed, reachable, Coder 2.20.0 or later),
 * then a session token from {@code <url>/cli-auth}, checked with {@code users/me} and stored before
 * it is accepted. Errors appear inline. Network and storage run on the workers; every property
 * changes on the UI thread only, and the actions must be called there (checked).
 */
public final class SignInViewModel {

  /** Which page is showing. */
  public enum Page {
    /** Enter the deployment URL. */
    URL,
    /** Paste a session token. */
    TOKEN
  }

  private final UiThread ui;
  private final Executor workers;
  private final TokenStore tokens;
  private final Supplier<Map<String, String>> headers;
  private final java.util.function.BooleanSupplier allowInsecureHttp;
  private final Consumer<SignIn> onSignedIn;

  private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.URL);
  private final StringProperty url = new SimpleStringProperty("");
  private final StringProperty token = new SimpleStringProperty("");
  private final StringProperty error = new SimpleStringProperty("");
  private final StringProperty serverVersion = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty();

  // Confined to the UI thread: the URL the token page is for.
  private DeploymentUrl checkedUrl;

  /**
   * @param headers extra headers for the deployment (from the settings)
   * @param onSignedIn hears the stored sign-in, on the UI thread
   */
  public SignInViewModel(
      UiThread ui,
      Executor workers,
      TokenStore tokens,
      Supplier<Map<String, String>> headers,
      java.util.function.BooleanSupplier allowInsecureHttp,
      Consumer<SignIn> onSignedIn) {
    this.ui = ui;
    this.workers = workers;
    this.tokens = tokens;
    this.headers = headers;
    this.allowInsecureHttp = allowInsecureHttp;
    this.onSignedIn = onSignedIn;
  }

  /** Checks the URL and the server's version; on success shows the token page. */
  public void submitUrl() {
    ui.check();
    if (busy.get()) {
      return;
    }
    DeploymentUrl u;
    try {
      u = DeploymentUrl.parse(url.get(), allowInsecureHttp.getAsBoolean());
    } catch (InvalidValueException e) {
      error.set(e.getMessage());
      return;
    }
    Map<String, String> h = headers.get();
    whileBusy(
        () -> {
          try {
            return Outcome.of(new CoderClient(u, null, h).checkVersion().toString());
          } catch (CoderException | IllegalArgumentException e) {
            return Outcome.failed(e.getMessage());
          }
        },
        version -> {
          checkedUrl = u;
          serverVersion.set(version);
          url.set(u.toString());
          page.set(Page.TOKEN);
        });
  }

  /** Checks the token against the deployment; on success stores it and reports the sign-in. */
  public void submitToken() {
    ui.check();
    if (busy.get() || checkedUrl == null) {
      return;
    }
    SessionToken t;
    try {
      t = SessionToken.of(token.get());
    } catch (IllegalArgumentException e) {
      error.set("Paste the session token shown on the page (" + e.getMessage() + ").");
      return;
    }
    DeploymentUrl u = checkedUrl;
    Map<String, String> h = headers.get();
    whileBusy(
        () -> {
          SignIn s = new SignIn(u, t);
          try {
            new CoderClient(u, t, h).me();
            tokens.save(s);
            return Outcome.of(s);
          } catch (CoderException.Unauthorized e) {
            return Outcome.failed("That token was not accepted: " + e.getMessage());
          } catch (CoderException | IllegalArgumentException e) {
            return Outcome.failed(e.getMessage());
          } catch (IOException e) {
            return Outcome.failed("The token is valid but could not be stored: " + e.getMessage());
          }
        },
        s -> {
          token.set("");
          onSignedIn.accept(s);
        });
  }

  /**
   * A worker's answer: the value a page goes on with, or why there is none.
   *
   * @param value the value when {@code failure} is null
   * @param failure the message for the error line, or null
   */
  private record Outcome<T>(T value, String failure) {

    static <T> Outcome<T> of(T value) {
      return new Outcome<>(value, null);
    }

    static <T> Outcome<T> failed(String why) {
      // A failure without a message must still stop the page from going on.
      return new Outcome<>(null, why == null ? "" : why);
    }
  }

  /**
   * Busy while {@code check} runs on a worker; back on the UI thread, shows its failure on the
   * error line or hands its value to {@code then}. Called on the UI thread.
   */
  private <T> void whileBusy(Supplier<Outcome<T>> check, Consumer<T> then) {
    busy.set(true);
    error.set("");
    workers.execute(
        () -> {
          Outcome<T> o = check.get();
          ui.post(
              () -> {
                busy.set(false);
                if (o.failure() != null) {
                  error.set(o.failure());
                  return;
                }
                then.accept(o.value());
              });
        });
  }

  /** Back to the URL page. */
  public void back() {
    ui.check();
    if (busy.get()) {
      return;
    }
    page.set(Page.URL);
    token.set("");
    error.set("");
  }

  /** Starts over (after a sign-out). */
  public void reset() {
    ui.check();
    back();
    checkedUrl = null;
  }

  /** Where the user gets a token: {@code <url>/cli-auth}, or empty before the URL is checked. */
  public String cliAuthUrl() {
    return checkedUrl == null ? "" : checkedUrl.resolve("/cli-auth").toString();
  }

  /** The page. */
  public ObjectProperty<Page> page() {
    return page;
  }

  /** The URL field. */
  public StringProperty url() {
    return url;
  }

  /** The token field. */
  public StringProperty token() {
    return token;
  }

  /** The inline error, empty when there is none. */
  public StringProperty error() {
    return error;
  }

  /** The checked server's version. */
  public StringProperty serverVersion() {
    return serverVersion;
  }

  /** Whether a check is running. */
  public BooleanProperty busy() {
    return busy;
  }
}
