// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.io.IOException;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scripted Coder deployment for the REST tests, one per test: a mock web server started before
 * each test and closed after it, and a {@link CoderClient} for it with {@link #TOKEN} and the extra
 * headers given. Register it with {@code @RegisterExtension}; use it on the test's thread.
 */
public final class MockCoder implements BeforeEachCallback, AfterEachCallback {

  /** The session token the client sends; tests check it never reaches a message. */
  public static final String TOKEN = "abcdef1234-SECRETsecretSECRET12";

  private final Map<String, String> headers;
  private MockWebServer server;
  private CoderClient client;

  /** A client without extra headers. */
  public MockCoder() {
    this(Map.of());
  }

  /** A client that also sends {@code headers}. */
  public MockCoder(Map<String, String> headers) {
    this.headers = Map.copyOf(headers);
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    server = new MockWebServer();
    server.start();
    client =
        new CoderClient(
            DeploymentUrl.parse(server.url("/").toString()), SessionToken.of(TOKEN), headers);
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    server.close();
  }

  /** The server, to script other answers and to read the requests it took. */
  public MockWebServer server() {
    return server;
  }

  /** The client of the server. */
  public CoderClient client() {
    return client;
  }

  /** Queues a JSON answer with this status code. */
  public void reply(int code, String body) {
    server.enqueue(
        new MockResponse.Builder()
            .code(code)
            .setHeader("Content-Type", "application/json")
            .body(body)
            .build());
  }
}
