// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.netns;

import dev.coderdesktop.tunnel.stun.BindingRequest;
import dev.coderdesktop.tunnel.stun.BindingResponse;
import dev.coderdesktop.tunnel.stun.StunFormatException;
import dev.coderdesktop.tunnel.stun.TransactionId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One UDP socket inside a lab namespace, driven line by line on stdin, one answer line each: {@code
 * stun HOST PORT} (a tailnet binding request; {@code mapped IP:PORT} or {@code none}), {@code send
 * HOST PORT} ({@code sent}), {@code recv MILLIS} ({@code from IP:PORT} or {@code none}). Usage:
 * {@code UdpProbe <local-port>}.
 */
public final class UdpProbe {

  private UdpProbe() {}

  /** Runs the probe until stdin ends. */
  public static void main(String[] args) throws Exception {
    try (DatagramSocket socket = new DatagramSocket(Integer.parseInt(args[0]));
        BufferedReader in =
            new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("ready");
      String line;
      while ((line = in.readLine()) != null) {
        String[] w = line.strip().split(" ");
        String answer =
            switch (w[0]) {
              case "stun" -> stun(socket, new InetSocketAddress(w[1], Integer.parseInt(w[2])));
              case "send" -> {
                byte[] hello = "hello".getBytes(StandardCharsets.US_ASCII);
                socket.send(
                    new DatagramPacket(
                        hello, hello.length, new InetSocketAddress(w[1], Integer.parseInt(w[2]))));
                yield "sent";
              }
              case "recv" -> recv(socket, Integer.parseInt(w[1]));
              default -> "unknown command";
            };
        System.out.println(answer);
        System.out.flush();
      }
    }
  }

  private static String stun(DatagramSocket socket, InetSocketAddress server) throws Exception {
    TransactionId tx = TransactionId.random();
    byte[] request = BindingRequest.encode(tx);
    socket.send(new DatagramPacket(request, request.length, server));
    socket.setSoTimeout(1000);
    byte[] buf = new byte[1500];
    try {
      while (true) {
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        socket.receive(p);
        try {
          BindingResponse r = BindingResponse.parse(Arrays.copyOf(buf, p.getLength()));
          if (r.txId().equals(tx)) {
            return "mapped "
                + r.mapped().getAddress().getHostAddress()
                + ":"
                + r.mapped().getPort();
          }
        } catch (StunFormatException e) {
          // Not the answer; keep waiting.
        }
      }
    } catch (SocketTimeoutException e) {
      return "none";
    }
  }

  private static String recv(DatagramSocket socket, int millis) throws Exception {
    socket.setSoTimeout(millis);
    byte[] buf = new byte[1500];
    DatagramPacket p = new DatagramPacket(buf, buf.length);
    try {
      socket.receive(p);
      return "from " + p.getAddress().getHostAddress() + ":" + p.getPort();
    } catch (SocketTimeoutException e) {
      return "none";
    }
  }
}
