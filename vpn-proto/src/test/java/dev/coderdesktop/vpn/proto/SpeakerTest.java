// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.RPC;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.proto.wire.StartResponse;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.StatusRequest;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The failure cases of a request/reply speaker, over a loopback socket. */
@Timeout(20)
class SpeakerTest {

  private Socket clientSide;
  private Socket serviceSide;
  private final BlockingQueue<ClientMessage> serviceInbox = new LinkedBlockingQueue<>();
  private final BlockingQueue<ServiceMessage> clientInbox = new LinkedBlockingQueue<>();
  private final AtomicInteger clientErrors = new AtomicInteger();
  private final BlockingQueue<Throwable> clientError = new LinkedBlockingQueue<>();
  private Speaker<ClientMessage, ServiceMessage> client;
  private Speaker<ServiceMessage, ClientMessage> service;

  @BeforeEach
  void connect() throws IOException {
    try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      clientSide = new Socket(InetAddress.getLoopbackAddress(), ss.getLocalPort());
      serviceSide = ss.accept();
    }
    client =
        new Speaker<>(
            clientSide.getInputStream(),
            clientSide.getOutputStream(),
            Codec.CLIENT,
            clientInbox::add,
            e -> {
              clientErrors.incrementAndGet();
              clientError.add(e);
            });
    service =
        new Speaker<>(
            serviceSide.getInputStream(),
            serviceSide.getOutputStream(),
            Codec.SERVICE,
            serviceInbox::add,
            e -> {});
    client.start();
    service.start();
  }

  @AfterEach
  void close() throws IOException {
    client.close();
    service.close();
    clientSide.close();
    serviceSide.close();
  }

  private static ClientMessage start() {
    return ClientMessage.newBuilder()
        .setStart(StartRequest.newBuilder().setCoderUrl("https://c"))
        .build();
  }

  @Test
  @DisplayName("replies find their requests, even out of order")
  void outOfOrderReplies() throws Exception {
    CompletableFuture<ServiceMessage> a = client.request(start());
    CompletableFuture<ServiceMessage> b =
        client.request(
            ClientMessage.newBuilder().setStatus(StatusRequest.getDefaultInstance()).build());
    ClientMessage ra = serviceInbox.poll(5, TimeUnit.SECONDS);
    ClientMessage rb = serviceInbox.poll(5, TimeUnit.SECONDS);
    assertEquals(1, ra.getRpc().getMsgId());
    assertEquals(2, rb.getRpc().getMsgId());
    service.reply(rb, ServiceMessage.newBuilder().setStatus(Status.getDefaultInstance()).build());
    service.reply(
        ra,
        ServiceMessage.newBuilder().setStart(StartResponse.newBuilder().setSuccess(true)).build());
    assertTrue(a.get(5, TimeUnit.SECONDS).getStart().getSuccess());
    assertTrue(b.get(5, TimeUnit.SECONDS).hasStatus());
  }

  @Test
  @DisplayName("unsolicited messages go to the handler")
  void unsolicited() throws Exception {
    service.send(
        ServiceMessage.newBuilder()
            .setStatus(Status.newBuilder().setLifecycle(Status.Lifecycle.STARTED))
            .build());
    assertEquals(
        Status.Lifecycle.STARTED, clientInbox.poll(5, TimeUnit.SECONDS).getStatus().getLifecycle());
  }

  @Test
  @DisplayName("a reply to an unknown request is ignored")
  void unknownReply() throws Exception {
    service.send(
        ServiceMessage.newBuilder()
            .setRpc(RPC.newBuilder().setResponseTo(99))
            .setStatus(Status.getDefaultInstance())
            .build());
    CompletableFuture<ServiceMessage> f = client.request(start());
    ClientMessage r = serviceInbox.poll(5, TimeUnit.SECONDS);
    service.reply(
        r, ServiceMessage.newBuilder().setStart(StartResponse.getDefaultInstance()).build());
    assertTrue(f.get(5, TimeUnit.SECONDS).hasStart());
    assertEquals(0, clientErrors.get());
  }

  @Test
  @DisplayName("when the peer goes away, pending requests fail and the error is reported once")
  void peerGone() throws Exception {
    List<CompletableFuture<ServiceMessage>> fs = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      fs.add(client.request(start()));
    }
    serviceSide.close();
    for (CompletableFuture<ServiceMessage> f : fs) {
      ExecutionException e =
          assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
      assertInstanceOf(IOException.class, e.getCause());
    }
    clientError.poll(5, TimeUnit.SECONDS);
    assertEquals(1, clientErrors.get());
    CompletableFuture<ServiceMessage> late = client.request(start());
    assertThrows(ExecutionException.class, () -> late.get(5, TimeUnit.SECONDS));
  }

  @Test
  @DisplayName("garbage and empty messages end the conversation with a reported error")
  void garbage() throws Exception {
    OutputStream raw = serviceSide.getOutputStream();
    Framing.write(raw, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff});
    Throwable e = clientError.poll(5, TimeUnit.SECONDS);
    assertTrue(e.getMessage().contains("malformed"), e.getMessage());
  }

  @Test
  @DisplayName("a message with no payload is a protocol error")
  void emptyOneof() throws Exception {
    Framing.write(
        serviceSide.getOutputStream(),
        ServiceMessage.newBuilder().setRpc(RPC.newBuilder().setMsgId(5)).build().toByteArray());
    Throwable e = clientError.poll(5, TimeUnit.SECONDS);
    assertTrue(e.getMessage().contains("payload"), e.getMessage());
  }

  @Test
  @DisplayName("close fails everything pending")
  void closeFailsPending() {
    CompletableFuture<ServiceMessage> f = client.request(start());
    client.close();
    assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
  }
}
