// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.proto;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.coderdesktop.vpn.proto.wire.RPC;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One side of a vpn.proto conversation after the handshake. It owns request/reply correlation:
 * request ids come from a counter, pending replies live in a map that is always cleaned up, one
 * named reader thread dispatches replies to their requests and hands everything else to the
 * unsolicited handler, and the first fatal error (bad frame, bad protobuf, empty message, lost
 * connection) is reported once and fails every pending request.
 *
 * <p>Thread-safe: any thread may send; writes are serialised.
 *
 * @param <S> what this side sends
 * @param <R> what this side receives
 */
public final class Speaker<S extends Message, R extends Message> implements Closeable {

  private static final Logger LOG = Logger.getLogger(Speaker.class.getName());

  private final InputStream in;
  private final OutputStream out;
  private final Codec<S, R> codec;
  private final Consumer<R> unsolicited;
  private final Consumer<Throwable> onFatal;
  private final AtomicLong nextId = new AtomicLong(1);
  private final Map<Long, CompletableFuture<R>> pending = new ConcurrentHashMap<>();
  private final AtomicBoolean failed = new AtomicBoolean();
  private final Object writeLock = new Object();
  private volatile IOException failure;
  private Thread reader;

  /**
   * A speaker on an established, handshaken stream. {@code unsolicited} gets every received message
   * that is not a reply (including requests, which it answers with {@link #reply}); {@code onFatal}
   * hears of the error that ends the conversation, once.
   */
  public Speaker(
      InputStream in,
      OutputStream out,
      Codec<S, R> codec,
      Consumer<R> unsolicited,
      Consumer<Throwable> onFatal) {
    this.in = in;
    this.out = out;
    this.codec = codec;
    this.unsolicited = unsolicited;
    this.onFatal = onFatal;
  }

  /**
   * Starts the reader on a virtual thread: the service runs one speaker per client, and each mostly
   * waits.
   */
  public void start() {
    start(Thread.ofVirtual());
  }

  /**
   * Starts the reader on a thread of {@code threads}. A short-lived client wants a platform thread
   * that {@link #close()} ends: a virtual thread's read leaves the JDK's poller thread waiting in
   * the kernel, and a JVM that exits with a thread in native code waits up to 300 ms for it.
   */
  public synchronized void start(Thread.Builder threads) {
    if (reader == null) {
      reader = threads.name("vpn-speaker").start(this::readLoop);
    }
  }

  /** Sends a request and returns its reply (failed if the conversation ends first). */
  public CompletableFuture<R> request(S message) {
    long id = nextId.getAndIncrement();
    CompletableFuture<R> f = new CompletableFuture<>();
    pending.put(id, f);
    // Whatever happens to the request, its slot is released.
    f.whenComplete((r, e) -> pending.remove(id));
    if (failure != null) {
      f.completeExceptionally(failure);
      return f;
    }
    try {
      write(codec.withRpc(message, RPC.newBuilder().setMsgId(id).build()));
    } catch (IOException e) {
      f.completeExceptionally(e);
    }
    return f;
  }

  /** Answers {@code request} (a received message with a msg_id) with {@code message}. */
  public void reply(R request, S message) throws IOException {
    long id = codec.rpcOf(request).getMsgId();
    write(codec.withRpc(message, RPC.newBuilder().setResponseTo(id).build()));
  }

  /** Sends a one-way message. */
  public void send(S message) throws IOException {
    write(message);
  }

  private void write(S message) throws IOException {
    IOException f = failure;
    if (f != null) {
      throw new IOException("conversation ended: " + f.getMessage());
    }
    synchronized (writeLock) {
      Framing.write(out, message.toByteArray(), codec.maxSend());
    }
  }

  private void readLoop() {
    try {
      while (true) {
        byte[] frame = Framing.read(in, codec.maxReceive());
        if (frame == null) {
          fail(new IOException("the peer closed the connection"));
          return;
        }
        R msg;
        try {
          msg = codec.parser().parseFrom(frame);
        } catch (InvalidProtocolBufferException e) {
          throw new IOException("malformed message: " + e.getMessage());
        }
        if (codec.isEmpty(msg)) {
          throw new IOException("message without a payload");
        }
        long responseTo = codec.rpcOf(msg).getResponseTo();
        if (responseTo != 0) {
          CompletableFuture<R> f = pending.get(responseTo);
          if (f == null) {
            LOG.fine(() -> "reply to unknown request " + responseTo + " ignored");
          } else {
            f.complete(msg);
          }
          continue;
        }
        try {
          unsolicited.accept(msg);
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "handler failed on an incoming message", e);
        }
      }
    } catch (IOException e) {
      fail(e);
    }
  }

  private void fail(IOException e) {
    if (!failed.compareAndSet(false, true)) {
      return;
    }
    failure = e;
    for (CompletableFuture<R> f : pending.values()) {
      f.completeExceptionally(e);
    }
    try {
      onFatal.accept(e);
    } catch (RuntimeException ex) {
      LOG.log(Level.WARNING, "fatal-error handler failed", ex);
    }
    closeStreams();
  }

  private void closeStreams() {
    try {
      in.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "close failed", e);
    }
    try {
      out.close();
    } catch (IOException e) {
      LOG.log(Level.FINE, "close failed", e);
    }
  }

  /** Ends the conversation; pending requests fail. */
  @Override
  public void close() {
    fail(new IOException("closed"));
  }

  /**
   * Waits up to {@code timeout} for the reader thread to end, after {@link #close()} (or the
   * stream's own close) has ended its read; true if it has.
   */
  public boolean awaitReader(java.time.Duration timeout) throws InterruptedException {
    Thread r;
    synchronized (this) {
      r = reader;
    }
    return r == null || r.join(timeout);
  }
}
