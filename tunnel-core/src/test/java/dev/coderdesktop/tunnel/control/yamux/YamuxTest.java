// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.yamux;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(30)
class YamuxTest {

  private Socket clientSocket;
  private Socket serverSocket;

  @BeforeEach
  void connect() throws IOException {
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      clientSocket = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
      serverSocket = ss.accept();
    }
  }

  @AfterEach
  void close() throws IOException {
    clientSocket.close();
    serverSocket.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "open stream 1,   1, 1, 1, 0,          000100010000000100000000",
    "ping request,    2, 1, 0, 16909060,   000200010000000001020304",
    "data on 3,       0, 0, 3, 5,          000000000000000300000005",
    "fin on 5,        1, 4, 5, 0,          000100040000000500000000",
    "go away error,   3, 0, 0, 1,          000300000000000000000001",
  })
  @DisplayName("headers encode to the exact yamux bytes")
  void headerBytes(String name, int type, int flags, int stream, int length, String hex)
      throws IOException {
    Header h = new Header(type, flags, stream, length);
    assertEquals(hex, HexFormat.of().formatHex(h.encode()));
    assertEquals(
        h,
        Header.read(
            new DataInputStream(new java.io.ByteArrayInputStream(HexFormat.of().parseHex(hex)))));
  }

  private YamuxSession clientSession() throws IOException {
    return new YamuxSession(clientSocket.getInputStream(), clientSocket.getOutputStream(), true);
  }

  /**
   * Sends {@code frame} to the client session as its peer would and reads the header it answers.
   */
  private Header answerTo(byte[] frame) throws IOException {
    OutputStream raw = serverSocket.getOutputStream();
    raw.write(frame);
    raw.flush();
    return Header.read(new DataInputStream(serverSocket.getInputStream()));
  }

  @Test
  @DisplayName("several streams move megabytes concurrently within their windows")
  void bulkTransfer() throws Exception {
    YamuxSession client = clientSession();
    YamuxSession server =
        new YamuxSession(serverSocket.getInputStream(), serverSocket.getOutputStream(), false);
    // Each sender and receiver needs its own thread: a sender blocks until its reader frees window.
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newCachedThreadPool();
    int streams = 3;
    int size = 3 * 1024 * 1024;
    List<CompletableFuture<byte[]>> sent = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      YamuxStream s = client.openStream();
      assertEquals(1 + 2 * i, s.id());
      int seed = i;
      sent.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  byte[] data = new byte[size];
                  new Random(seed).nextBytes(data);
                  OutputStream o = s.outputStream();
                  for (int off = 0; off < size; off += 10000) {
                    o.write(data, off, Math.min(10000, size - off));
                  }
                  o.close();
                  return MessageDigest.getInstance("SHA-256").digest(data);
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              },
              pool));
    }
    List<CompletableFuture<byte[]>> received = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      YamuxStream s = server.acceptStream(10, TimeUnit.SECONDS);
      assertNotNull(s);
      received.add(
          CompletableFuture.supplyAsync(
                  () -> {
                    try {
                      InputStream in = s.inputStream();
                      byte[] all = in.readAllBytes();
                      assertEquals(size, all.length);
                      return new Object[] {
                        s.id(), MessageDigest.getInstance("SHA-256").digest(all)
                      };
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                  })
              .thenApply(o -> (byte[]) ((Object[]) o)[1]));
    }
    List<String> want = new ArrayList<>();
    List<String> got = new ArrayList<>();
    for (int i = 0; i < streams; i++) {
      want.add(HexFormat.of().formatHex(sent.get(i).get(20, TimeUnit.SECONDS)));
      got.add(HexFormat.of().formatHex(received.get(i).get(20, TimeUnit.SECONDS)));
    }
    want.sort(null);
    got.sort(null);
    assertEquals(want, got);
    pool.shutdownNow();
    client.close();
    server.close();
  }

  @Test
  @DisplayName("a half-closed stream still carries the reply")
  void halfClose() throws Exception {
    YamuxSession client = clientSession();
    YamuxSession server =
        new YamuxSession(serverSocket.getInputStream(), serverSocket.getOutputStream(), false);
    YamuxStream c = client.openStream();
    c.outputStream().write("question".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    c.outputStream().close();
    YamuxStream s = server.acceptStream(5, TimeUnit.SECONDS);
    assertArrayEquals(
        "question".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        s.inputStream().readAllBytes());
    s.outputStream().write("answer".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    s.outputStream().close();
    assertArrayEquals(
        "answer".getBytes(java.nio.charset.StandardCharsets.US_ASCII),
        c.inputStream().readAllBytes());
    client.close();
    server.close();
  }

  @Test
  @DisplayName("a ping from the peer is answered with the same value")
  void answersPing() throws Exception {
    YamuxSession client = clientSession();
    assertEquals(
        new Header(Header.PING, Header.ACK, 0, 0x0badcafe),
        answerTo(new Header(Header.PING, Header.SYN, 0, 0x0badcafe).encode()));
    client.close();
  }

  @Test
  @DisplayName("a malformed frame ends the session with a protocol-error go-away")
  void protocolError() throws Exception {
    YamuxSession client = clientSession();
    assertEquals(
        new Header(Header.GO_AWAY, 0, 0, 1),
        answerTo(new byte[] {7, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0}));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!client.isClosed() && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
    assertTrue(client.isClosed());
    assertTrue(client.closeReason().contains("version"), client.closeReason());
  }

  @Test
  @DisplayName(
      "a frame the session can no longer answer, after a failed write ended it, is no protocol error")
  void failedWriteIsNoProtocolError() throws Exception {
    java.util.concurrent.BlockingQueue<Integer> bytes =
        new java.util.concurrent.LinkedBlockingQueue<>();
    java.util.concurrent.CountDownLatch reading = new java.util.concurrent.CountDownLatch(1);
    InputStream in =
        new InputStream() {
          @Override
          public int read() throws IOException {
            reading.countDown();
            try {
              return bytes.take();
            } catch (InterruptedException e) {
              throw new java.io.InterruptedIOException();
            }
          }
        };
    OutputStream out =
        new OutputStream() {
          @Override
          public void write(int b) throws IOException {
            throw new IOException("broken pipe");
          }
        };
    List<java.util.logging.LogRecord> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture =
        new java.util.logging.Handler() {
          @Override
          public void publish(java.util.logging.LogRecord r) {
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
              warnings.add(r);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    java.util.logging.Logger log = java.util.logging.Logger.getLogger(YamuxSession.class.getName());
    log.addHandler(capture);
    try {
      CompletableFuture<Thread> reader = new CompletableFuture<>();
      YamuxSession session =
          new YamuxSession(in, out, true, () -> reader.complete(Thread.currentThread()));
      assertTrue(reading.await(10, TimeUnit.SECONDS));
      // A writer meets the dead connection and ends the session...
      assertThrows(IOException.class, session::ping);
      assertTrue(session.isClosed());
      // ...while the reader already waits inside a frame it will then fail to answer.
      for (byte b : new Header(Header.PING, Header.SYN, 0, 7).encode()) {
        bytes.add(b & 0xff);
      }
      Thread t = reader.get(10, TimeUnit.SECONDS);
      t.join(TimeUnit.SECONDS.toMillis(10));
      assertFalse(t.isAlive());
      assertTrue(session.closeReason().contains("broken pipe"), session.closeReason());
      assertTrue(warnings.isEmpty(), () -> warnings.getFirst().getMessage());
    } finally {
      log.removeHandler(capture);
    }
  }

  @Test
  @DisplayName("random header bytes only ever raise IOException")
  void fuzzHeaders() {
    Random rnd = new Random(3);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[rnd.nextInt(20)];
      rnd.nextBytes(junk);
      if (junk.length > 0 && rnd.nextBoolean()) {
        junk[0] = 0;
      }
      try {
        Header.read(new DataInputStream(new java.io.ByteArrayInputStream(junk)));
      } catch (IOException expected) {
        // EOF or a typed yamux error are the only permitted failures.
      }
    }
  }
}
