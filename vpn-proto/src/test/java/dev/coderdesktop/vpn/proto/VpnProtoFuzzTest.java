// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Timestamp;
import dev.coderdesktop.vpn.proto.wire.Agent;
import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.PeerUpdate;
import dev.coderdesktop.vpn.proto.wire.RPC;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import dev.coderdesktop.vpn.proto.wire.Status;
import dev.coderdesktop.vpn.proto.wire.Workspace;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded mutation of what crosses the local socket: handshake lines, framed byte streams, and the
 * ClientMessage and ServiceMessage protobufs (up to the frame limits). The readers may only reject
 * with their typed exceptions; whatever parses re-encodes to a message that parses the same. Inputs
 * per test: {@code fuzz.iterations} (100 000 by default).
 */
@Timeout(300)
class VpnProtoFuzzTest {

  private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 100_000);
  private static final long SEED = Long.getLong("fuzz.seed", 0x7770_707aL);

  private static byte[] insert(byte[] b, int at, byte x) {
    byte[] out = Arrays.copyOf(b, b.length + 1);
    out[at] = x;
    System.arraycopy(b, at, out, at + 1, b.length - at);
    return out;
  }

  private static byte[] remove(byte[] b, int at) {
    byte[] out = Arrays.copyOf(b, b.length - 1);
    System.arraycopy(b, at + 1, out, at, b.length - at - 1);
    return out;
  }

  private static byte[] mutate(Random r, byte[] seed) {
    byte[] b = seed.clone();
    for (int n = 1 + r.nextInt(4); n > 0; n--) {
      if (b.length == 0) {
        return new byte[] {(byte) r.nextInt(256)};
      }
      int at = r.nextInt(b.length);
      switch (r.nextInt(5)) {
        case 0 -> b[at] ^= (byte) (1 << r.nextInt(8));
        case 1 -> b[at] = (byte) r.nextInt(256);
        case 2 -> b = Arrays.copyOf(b, at);
        case 3 -> b = insert(b, at, (byte) r.nextInt(256));
        default -> b = remove(b, at);
      }
    }
    return b;
  }

  private static ClientMessage start(int headers) {
    StartRequest.Builder s =
        StartRequest.newBuilder()
            .setCoderUrl("https://coder.example.com")
            .setApiToken("abcdefghij-0123456789abcdefghijkl")
            .setDeviceOs("Linux");
    for (int i = 0; i < headers; i++) {
      s.addHeaders(StartRequest.Header.newBuilder().setName("X-H" + i).setValue("v".repeat(100)));
    }
    return ClientMessage.newBuilder().setRpc(RPC.newBuilder().setMsgId(7)).setStart(s).build();
  }

  private static ServiceMessage status(int agents) {
    PeerUpdate.Builder u = PeerUpdate.newBuilder();
    for (int i = 0; i < agents; i++) {
      ByteString ws = ByteString.copyFrom(new byte[16]);
      u.addUpsertedWorkspaces(
          Workspace.newBuilder().setId(ws).setName("ws" + i).setStatus(Workspace.Status.RUNNING));
      u.addUpsertedAgents(
          Agent.newBuilder()
              .setId(ByteString.copyFrom(new byte[16]))
              .setName("main")
              .setWorkspaceId(ws)
              .addFqdn("main.ws" + i + ".me.coder.")
              .addIpAddrs("fd60:627a:a42b:1::1")
              .setLastHandshake(Timestamp.newBuilder().setSeconds(1_700_000_000L)));
    }
    return ServiceMessage.newBuilder()
        .setStatus(Status.newBuilder().setLifecycle(Status.Lifecycle.STARTED).setPeerUpdate(u))
        .build();
  }

  @Test
  @DisplayName("mutated messages parse to what re-encodes the same, or are rejected")
  void messages() {
    Random r = new Random(SEED);
    byte[][] client = {
      start(0).toByteArray(), start(3).toByteArray(), start(5000).toByteArray() // ~0.5 MiB
    };
    byte[][] service = {
      status(1).toByteArray(), status(20).toByteArray(), status(5000).toByteArray()
    };
    int parsed = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      // The seeds as large as the limits allow one time in 500.
      int which = r.nextInt(500) == 0 ? 2 : r.nextInt(2);
      boolean toService = r.nextBoolean();
      byte[] input = mutate(r, toService ? client[which] : service[which]);
      try {
        if (toService) {
          ClientMessage m = ClientMessage.parseFrom(input);
          assertEquals(m, ClientMessage.parseFrom(m.toByteArray()), "input " + i);
          Codec.SERVICE.isEmpty(m);
          Codec.SERVICE.rpcOf(m);
        } else {
          ServiceMessage m = ServiceMessage.parseFrom(input);
          assertEquals(m, ServiceMessage.parseFrom(m.toByteArray()), "input " + i);
        }
        parsed++;
      } catch (InvalidProtocolBufferException expected) {
        // The speaker closes the connection.
      } catch (RuntimeException e) {
        fail("input " + i + " threw " + e, e);
      }
    }
    assertTrue(parsed > ITERATIONS / 20, "enough mutations still parse: " + parsed);
  }

  @Test
  @DisplayName("mutated framed streams give whole frames within the limit or a FrameException")
  void framing() throws IOException {
    Random r = new Random(SEED + 1);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    Framing.write(b, start(2).toByteArray());
    Framing.write(b, new byte[] {0x1a, 0});
    byte[] stream = b.toByteArray();
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input = mutate(r, stream);
      if (r.nextInt(50) == 0) {
        // A length near or over the limit, with or without the bytes behind it.
        int len = Framing.MAX_CLIENT_MESSAGE - 2 + r.nextInt(4);
        byte[] big = new byte[4 + (r.nextBoolean() ? len : r.nextInt(100))];
        big[0] = (byte) (len >>> 24);
        big[1] = (byte) (len >>> 16);
        big[2] = (byte) (len >>> 8);
        big[3] = (byte) len;
        input = big;
      }
      ByteArrayInputStream in = new ByteArrayInputStream(input);
      try {
        byte[] frame;
        while ((frame = Framing.read(in, Framing.MAX_CLIENT_MESSAGE)) != null) {
          assertTrue(frame.length > 0 && frame.length <= Framing.MAX_CLIENT_MESSAGE);
        }
      } catch (Framing.FrameException expected) {
        // Closed.
      } catch (RuntimeException e) {
        fail("input " + i + " threw " + e, e);
      }
    }
  }

  @Test
  @DisplayName("mutated handshake lines give versions or a HandshakeException")
  void handshakeLines() {
    Random r = new Random(SEED + 2);
    byte[][] seeds = {
      "codervpn client 1.3\n".getBytes(StandardCharsets.US_ASCII),
      "codervpn client 1.0,2.1,3.4\n".getBytes(StandardCharsets.US_ASCII),
    };
    for (int i = 0; i < ITERATIONS; i++) {
      byte[] input = mutate(r, seeds[r.nextInt(seeds.length)]);
      try {
        String line = Handshake.readLine(new ByteArrayInputStream(input));
        Handshake.negotiate(
            java.util.List.of(ProtocolVersion.CURRENT),
            Handshake.parse(line, Handshake.Role.CLIENT));
      } catch (IOException expected) {
        // HandshakeException or the end of the stream: the connection is refused.
      } catch (RuntimeException e) {
        fail("input " + i + " threw " + e + ": " + new String(input, StandardCharsets.US_ASCII), e);
      }
    }
  }
}
