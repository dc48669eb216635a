// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import dev.coderdesktop.vpn.proto.wire.ClientMessage;
import dev.coderdesktop.vpn.proto.wire.RPC;
import dev.coderdesktop.vpn.proto.wire.ServiceMessage;

/**
 * How a {@link Speaker} reads the correlation field of the messages it receives and stamps it on
 * those it sends. One implementation per direction of each protocol pairing.
 *
 * @param <S> what this side sends
 * @param <R> what this side receives
 */
public interface Codec<S extends Message, R extends Message> {

  /** Parses received bytes. */
  Parser<R> parser();

  /** The received message's correlation. */
  RPC rpcOf(R message);

  /** A copy of {@code message} carrying {@code rpc}. */
  S withRpc(S message, RPC rpc);

  /** Whether the received message has no payload (an empty oneof), which is a protocol error. */
  boolean isEmpty(R message);

  /** The largest message this side accepts (see {@link Framing}). */
  int maxReceive();

  /** The largest message this side may send: the peer's {@link #maxReceive()}. */
  int maxSend();

  /** The app (or CLI) side: sends ClientMessage, receives ServiceMessage. */
  Codec<ClientMessage, ServiceMessage> CLIENT =
      new Codec<>() {
        @Override
        public Parser<ServiceMessage> parser() {
          return ServiceMessage.parser();
        }

        @Override
        public RPC rpcOf(ServiceMessage m) {
          return m.getRpc();
        }

        @Override
        public ClientMessage withRpc(ClientMessage m, RPC rpc) {
          return m.toBuilder().setRpc(rpc).build();
        }

        @Override
        public boolean isEmpty(ServiceMessage m) {
          return m.getMsgCase() == ServiceMessage.MsgCase.MSG_NOT_SET;
        }

        @Override
        public int maxReceive() {
          return Framing.MAX_MESSAGE;
        }

        @Override
        public int maxSend() {
          return Framing.MAX_CLIENT_MESSAGE;
        }
      };

  /** The service side: sends ServiceMessage, receives ClientMessage. */
  Codec<ServiceMessage, ClientMessage> SERVICE =
      new Codec<>() {
        @Override
        public Parser<ClientMessage> parser() {
          return ClientMessage.parser();
        }

        @Override
        public RPC rpcOf(ClientMessage m) {
          return m.getRpc();
        }

        @Override
        public ServiceMessage withRpc(ServiceMessage m, RPC rpc) {
          return m.toBuilder().setRpc(rpc).build();
        }

        @Override
        public boolean isEmpty(ClientMessage m) {
          return m.getMsgCase() == ClientMessage.MsgCase.MSG_NOT_SET;
        }

        @Override
        public int maxReceive() {
          return Framing.MAX_CLIENT_MESSAGE;
        }

        @Override
        public int maxSend() {
          return Framing.MAX_MESSAGE;
        }
      };
}
