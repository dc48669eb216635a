// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.coderdesktop.vpn.proto.ChannelStreams;
import dev.coderdesktop.vpn.proto.Codec;
import dev.coderdesktop.vpn.proto.Handshake;
import dev.coderdesktop.vpn.proto.ProtocolVersion;
import dev.coderdesktop.vpn.proto.Speaker;
import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.WakeResponse;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI's exit codes against a one-connection stand-in for the service. */
@Timeout(30)
class ExitCodeTest {

  @ParameterizedTest(name = "{0} while {1} ''{2}'' exits {3}")
  @CsvSource({
    "status, STOPPED, 'The deployment no longer accepts your session token; sign in again.', 1",
    "status, STOPPED, '', 0",
    "status, STARTED, 'DNS needs manual setup', 0",
    "wake, STARTED, '', 0",
    "wake, STOPPED, '', 1",
  })
  @DisplayName("status exits 1 when the service stopped with an error; wake when nothing runs")
  void exitCodes(String command, Status.Lifecycle lifecycle, String error, int code)
      throws Exception {
    Path dir = Files.createTempDirectory("cdj-cli");
    Path sock = dir.resolve("vpn.sock");
    Status status = Status.newBuilder().setLifecycle(lifecycle).setErrorMessage(error).build();
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(sock));
      Thread.ofVirtual().start(() -> serveOne(server, status));
      CliRun r = CliRun.run(java.util.Map.of(), "", "--socket", sock.toString(), command);
      assertEquals(code, r.exit(), r.toString());
    } finally {
      Files.deleteIfExists(sock);
      Files.deleteIfExists(dir);
    }
  }

  private static void serveOne(ServerSocketChannel server, Status status) {
    try (SocketChannel ch = server.accept()) {
      var in = ChannelStreams.in(ch);
      var out = ChannelStreams.out(ch);
      Handshake.perform(
          in, out, Handshake.Role.SERVICE, Handshake.Role.CLIENT, List.of(ProtocolVersion.CURRENT));
      java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
      Speaker<ServiceMessage, ClientMessage>[] self = new Speaker[1];
      self[0] =
          new Speaker<>(
              in,
              out,
              Codec.SERVICE,
              m -> {
                ServiceMessage.Builder reply = ServiceMessage.newBuilder();
                if (m.hasStatus()) {
                  reply.setStatus(status);
                } else {
                  reply.setWake(
                      WakeResponse.newBuilder()
                          .setSuccess(status.getLifecycle() == Status.Lifecycle.STARTED));
                }
                try {
                  self[0].reply(m, reply.build());
                } catch (java.io.IOException e) {
                  done.countDown();
                }
              },
              e -> done.countDown());
      self[0].start();
      done.await();
    } catch (Exception e) {
      // The CLI closed the connection; the test's assertion decides.
    }
  }
}
