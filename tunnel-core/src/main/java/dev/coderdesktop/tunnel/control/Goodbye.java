// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.control;

import dev.coderdesktop.tunnel.control.drpc.DrpcCall;
import dev.coderdesktop.tunnel.control.proto.CoordinateRequest;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Leaving the coordinator politely: send Disconnect on the Coordinate call, then wait for the
 * coordinator to end the call, which Coder does once it has handled the Disconnect. Only then may
 * the connection be closed: hanging up at once can lose the Disconnect, because a server whose next
 * write meets our closed socket drops the session with our last frames still unread, and the
 * coordinator then reports us LOST to our peers instead of DISCONNECTED. The send and the wait
 * together take at most {@link #WAIT}: the send runs on a thread of its own, so a write stuck
 * behind a dead connection (the network gone, often the reason for a Stop) does not hold up the
 * close, which then ends that connection.
 */
final class Goodbye {

  private static final Logger LOG = Logger.getLogger(Goodbye.class.getName());

  /** The longest a close waits for the goodbye, send included. */
  static final Duration WAIT = Duration.ofSeconds(1);

  private Goodbye() {}

  /** Says goodbye on {@code call}; {@code ended} completes when the call has ended. */
  static void say(DrpcCall call, CompletableFuture<Void> ended) {
    CompletableFuture<Void> sendFailed = new CompletableFuture<>();
    byte[] disconnect =
        CoordinateRequest.newBuilder()
            .setDisconnect(CoordinateRequest.Disconnect.getDefaultInstance())
            .build()
            .toByteArray();
    Thread.ofVirtual()
        .name("tailnet-goodbye")
        .start(
            () -> {
              try {
                call.send(disconnect);
              } catch (IOException e) {
                sendFailed.completeExceptionally(e);
              }
            });
    try {
      CompletableFuture.anyOf(ended, sendFailed).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      LOG.log(Level.FINE, "could not say goodbye to the coordinator", e.getCause());
    } catch (TimeoutException e) {
      LOG.fine(() -> "the coordinator did not end the call within " + WAIT + "; hanging up");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
