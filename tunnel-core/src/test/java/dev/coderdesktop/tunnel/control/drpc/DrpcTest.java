// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control.drpc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.control.yamux.YamuxSession;
import dev.coderdesktop.tunnel.control.yamux.YamuxStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DrpcTest {

  private static final String COORDINATE = "/coder.tailnet.v2.Tailnet/Coordinate";

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("an Invoke of Coordinate encodes as drpcwire does")
  void invokeBytes() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Packet(PacketKind.INVOKE, 1, 1, utf8(COORDINATE)).write(out);
    // 0x03 = Invoke with done; stream 1, message 1, 36 bytes (0x24) of method name.
    assertEquals(
        "03010124" + HexFormat.of().formatHex(utf8(COORDINATE)),
        HexFormat.of().formatHex(out.toByteArray()));
    out.reset();
    new Packet(PacketKind.CLOSE_SEND, 1, 3, new byte[0]).write(out);
    assertEquals("0d010300", HexFormat.of().formatHex(out.toByteArray()));
    out.reset();
    new Packet(PacketKind.MESSAGE, 1, 300, new byte[] {9}).write(out);
    assertEquals("0501ac020109", HexFormat.of().formatHex(out.toByteArray()));
  }

  @Test
  @DisplayName("large messages split into 64 KiB frames and reassemble")
  void splitAndReassemble() throws IOException {
    byte[] big = new byte[200_000];
    new Random(1).nextBytes(big);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new Packet(PacketKind.MESSAGE, 1, 2, big).write(out);
    assertEquals(0x04, out.toByteArray()[0], "first frame is not done");
    Packet p = new PacketReader(new ByteArrayInputStream(out.toByteArray())).read();
    assertArrayEquals(big, p.data());
  }

  @Test
  @DisplayName("older message ids are a protocol error; unknown control frames are skipped")
  void monotonicity() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(new byte[] {(byte) 0xff, 1, 1, 1, 0}); // control frame of an unknown kind
    new Packet(PacketKind.MESSAGE, 1, 5, new byte[] {1}).write(out);
    new Packet(PacketKind.MESSAGE, 1, 4, new byte[] {2}).write(out);
    PacketReader r = new PacketReader(new ByteArrayInputStream(out.toByteArray()));
    assertArrayEquals(new byte[] {1}, r.read().data());
    assertThrows(DrpcException.class, r::read);
  }

  @Test
  @DisplayName("random frame bytes only ever raise IOException")
  void fuzz() {
    Random rnd = new Random(8);
    for (int i = 0; i < 5000; i++) {
      byte[] junk = new byte[rnd.nextInt(40)];
      rnd.nextBytes(junk);
      try {
        PacketReader r = new PacketReader(new ByteArrayInputStream(junk));
        while (r.read() != null) {
          // drain
        }
      } catch (IOException expected) {
        // EOF or a typed dRPC error are the only permitted failures.
      }
    }
  }

  @Test
  @DisplayName("unary, server-streaming and bidirectional calls over yamux, plus unknown methods")
  void callsOverYamux() throws Exception {
    DrpcServer server =
        new DrpcServer()
            .register(
                "/test/Echo",
                s -> {
                  byte[] req = s.receive();
                  s.send(
                      ("echo " + new String(req, StandardCharsets.UTF_8))
                          .getBytes(StandardCharsets.UTF_8));
                })
            .register(
                "/test/Count",
                s -> {
                  int n = s.receive()[0];
                  for (int i = 0; i < n; i++) {
                    s.send(new byte[] {(byte) i});
                  }
                })
            .register(
                "/test/Chat",
                s -> {
                  byte[] m;
                  while ((m = s.receive()) != null) {
                    s.send(m);
                  }
                });
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket c = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
        Socket sv = ss.accept()) {
      YamuxSession client = new YamuxSession(c.getInputStream(), c.getOutputStream(), true);
      YamuxSession srv = new YamuxSession(sv.getInputStream(), sv.getOutputStream(), false);
      Thread.ofPlatform()
          .daemon()
          .start(
              () -> {
                try {
                  YamuxStream st;
                  while ((st = srv.acceptStream(30, TimeUnit.SECONDS)) != null) {
                    YamuxStream s = st;
                    Thread.ofPlatform()
                        .daemon()
                        .start(
                            () -> {
                              try {
                                server.serve(s.inputStream(), s.outputStream());
                                s.outputStream().close();
                              } catch (IOException e) {
                                s.reset();
                              }
                            });
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });

      YamuxStream u = client.openStream();
      DrpcCall unary = new DrpcCall("/test/Echo", u.inputStream(), u.outputStream(), u::reset);
      assertEquals("echo hi", new String(unary.unary(utf8("hi")), StandardCharsets.UTF_8));

      YamuxStream ss2 = client.openStream();
      DrpcCall count =
          new DrpcCall("/test/Count", ss2.inputStream(), ss2.outputStream(), ss2::reset);
      count.send(new byte[] {3});
      count.closeSend();
      assertArrayEquals(new byte[] {0}, count.receive());
      assertArrayEquals(new byte[] {1}, count.receive());
      assertArrayEquals(new byte[] {2}, count.receive());
      assertNull(count.receive(), "the server closes the stream after its last message");

      YamuxStream b = client.openStream();
      DrpcCall chat = new DrpcCall("/test/Chat", b.inputStream(), b.outputStream(), b::reset);
      for (int i = 0; i < 5; i++) {
        chat.send(new byte[] {(byte) i});
        assertArrayEquals(new byte[] {(byte) i}, chat.receive());
      }
      chat.closeSend();
      assertNull(chat.receive());

      YamuxStream x = client.openStream();
      DrpcCall missing = new DrpcCall("/test/Nope", x.inputStream(), x.outputStream(), x::reset);
      DrpcException e = assertThrows(DrpcException.class, () -> missing.unary(new byte[0]));
      assertTrue(e.isUnimplemented(), e.getMessage());
      client.close();
      srv.close();
    }
  }
}
