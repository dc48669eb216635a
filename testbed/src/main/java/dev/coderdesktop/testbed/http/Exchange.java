// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.http;

import dev.coderdesktop.tunnel.transport.HttpUpgrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP/1.1 request on its connection: the parsed head, the body, and the raw streams for
 * handlers that upgrade the connection (websockets, DERP). Not thread-safe; one per request.
 */
public final class Exchange {

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final HttpUpgrade head;
  private final String method;
  private final String path;
  private final Map<String, String> query;
  private final byte[] body;
  private boolean responded;

  Exchange(Socket socket, InputStream in, OutputStream out, HttpUpgrade head, byte[] body) {
    this.socket = socket;
    this.in = in;
    this.out = out;
    this.head = head;
    this.body = body;
    String[] parts = head.startLine().split(" ");
    this.method = parts[0];
    String target = parts.length > 1 ? parts[1] : "/";
    int q = target.indexOf('?');
    this.path = q < 0 ? target : target.substring(0, q);
    this.query = parseQuery(q < 0 ? "" : target.substring(q + 1));
  }

  private static Map<String, String> parseQuery(String q) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String pair : q.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      m.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return m;
  }

  /** The request line as sent, for example {@code GET /derp HTTP/1.1}. */
  public String requestLine() {
    return head.startLine();
  }

  /** GET, POST, ... */
  public String method() {
    return method;
  }

  /** The path without the query. */
  public String path() {
    return path;
  }

  /** A query parameter, or null. */
  public String query(String name) {
    return query.get(name);
  }

  /** A request header, or null (name case-insensitive). */
  public String header(String name) {
    return head.header(name);
  }

  /** The request body (empty without Content-Length). */
  public byte[] body() {
    return body.clone();
  }

  /** The connection, for handlers that take it over. */
  public Socket socket() {
    return socket;
  }

  /** The connection's input, positioned after the request. */
  public InputStream input() {
    return in;
  }

  /** The connection's output. */
  public OutputStream output() {
    return out;
  }

  /** Whether a response (or upgrade) was written. */
  boolean responded() {
    return responded;
  }

  /** Marks the connection as taken over by an upgrade. */
  public void upgraded() {
    responded = true;
  }

  /** Writes a complete response and closes the connection afterwards. */
  public void respond(int status, String contentType, byte[] content) throws IOException {
    responded = true;
    String headers =
        "HTTP/1.1 "
            + status
            + " "
            + reason(status)
            + "\r\nContent-Type: "
            + contentType
            + "\r\nContent-Length: "
            + content.length
            + "\r\nConnection: close\r\n\r\n";
    out.write(headers.getBytes(StandardCharsets.ISO_8859_1));
    out.write(content);
    out.flush();
  }

  /** A JSON response. */
  public void json(int status, String json) throws IOException {
    respond(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
  }

  static String reason(int status) {
    return switch (status) {
      case 101 -> "Switching Protocols";
      case 200 -> "OK";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 426 -> "Upgrade Required";
      default -> "Status";
    };
  }
}
