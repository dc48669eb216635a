// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.derp;

/** DERP frame types (protocol version 2), numbered as on the wire. */
public final class FrameType {

  /** Server to client: magic then the server's public key. */
  public static final int SERVER_KEY = 0x01;

  /** Client to server: client key, nonce, sealed JSON. */
  public static final int CLIENT_INFO = 0x02;

  /** Server to client: nonce, sealed JSON. */
  public static final int SERVER_INFO = 0x03;

  /** Client to server: destination key then packet. */
  public static final int SEND_PACKET = 0x04;

  /** Server to client: source key then packet. */
  public static final int RECV_PACKET = 0x05;

  /** Server to client: no payload. */
  public static final int KEEP_ALIVE = 0x06;

  /** Client to server: one byte, 1 when this is the client's home region. */
  public static final int NOTE_PREFERRED = 0x07;

  /** Server to client: a peer's key and an optional reason byte. */
  public static final int PEER_GONE = 0x08;

  /** Server to mesh watchers. */
  public static final int PEER_PRESENT = 0x09;

  /** Mesh forwarding. */
  public static final int FORWARD_PACKET = 0x0a;

  /** Mesh subscription. */
  public static final int WATCH_CONNS = 0x10;

  /** Mesh: close a peer. */
  public static final int CLOSE_PEER = 0x11;

  /** Either way: eight opaque bytes to echo in a Pong. */
  public static final int PING = 0x12;

  /** Either way: the eight bytes of a Ping. */
  public static final int PONG = 0x13;

  /** Server to client: a problem description, empty when healthy. */
  public static final int HEALTH = 0x14;

  /** Server to client: reconnect-in and try-for milliseconds. */
  public static final int RESTARTING = 0x15;

  private FrameType() {}
}
