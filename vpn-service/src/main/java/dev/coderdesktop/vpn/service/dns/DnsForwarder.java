// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * Sends a query verbatim to the upstream servers, in order, until one answers: over UDP (a reply
 * with TC set is returned as it is, so the client retries over TCP, as resolvers expect) or over
 * TCP. A reply is accepted only from the server asked and with the query's id. Each attempt waits
 * at most the timeout (a socket timeout, not a clock). Immutable and thread-safe; every call uses
 * its own socket.
 */
public final class DnsForwarder {

  private static final int MAX_UDP = 65_535;

  private final List<InetSocketAddress> upstreams;
  private final int timeoutMillis;

  /** Forwards to {@code upstreams}, waiting {@code timeout} for each. */
  public DnsForwarder(List<InetSocketAddress> upstreams, Duration timeout) {
    this.upstreams = List.copyOf(upstreams);
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
  }

  /** The servers, in the order asked. */
  public List<InetSocketAddress> upstreams() {
    return upstreams;
  }

  /** The first UDP reply to {@code query}, or null when no server answered. */
  public byte[] udp(byte[] query) {
    for (InetSocketAddress server : upstreams) {
      try (DatagramSocket s = new DatagramSocket()) {
        s.setSoTimeout(timeoutMillis);
        s.send(new DatagramPacket(query, query.length, server));
        byte[] buf = new byte[MAX_UDP];
        while (true) {
          DatagramPacket p = new DatagramPacket(buf, buf.length);
          s.receive(p);
          if (p.getSocketAddress().equals(server) && sameId(query, buf, p.getLength())) {
            return Arrays.copyOf(buf, p.getLength());
          }
        }
      } catch (SocketTimeoutException e) {
        // Try the next server.
      } catch (IOException e) {
        // Unreachable or refused: try the next server.
      }
    }
    return null;
  }

  /** The first TCP reply to {@code query}, or null when no server answered. */
  public byte[] tcp(byte[] query) {
    for (InetSocketAddress server : upstreams) {
      try (Socket s = new Socket()) {
        s.connect(server, timeoutMillis);
        s.setSoTimeout(timeoutMillis);
        DataOutputStream out = new DataOutputStream(s.getOutputStream());
        out.writeShort(query.length);
        out.write(query);
        out.flush();
        DataInputStream in = new DataInputStream(s.getInputStream());
        byte[] reply = new byte[in.readUnsignedShort()];
        in.readFully(reply);
        if (sameId(query, reply, reply.length)) {
          return reply;
        }
      } catch (IOException e) {
        // Try the next server.
      }
    }
    return null;
  }

  private static boolean sameId(byte[] query, byte[] reply, int len) {
    return len >= DnsMessage.HEADER && query[0] == reply[0] && query[1] == reply[1];
  }
}
