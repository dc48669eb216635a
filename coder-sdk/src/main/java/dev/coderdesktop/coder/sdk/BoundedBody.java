// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * A response body read into memory up to a limit. A reply over the limit (a misconfigured URL
 * serving a download, or a hostile server) fails with {@link TooLarge} as soon as it passes the
 * limit, instead of filling the heap of a small daemon.
 */
final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

  /** The reply was longer than the limit. */
  static final class TooLarge extends IOException {
    TooLarge(long limit) {
      super("the reply is larger than " + limit + " bytes");
    }
  }

  private final long limit;
  private final CompletableFuture<byte[]> result = new CompletableFuture<>();

  /** The reply's pieces as they came: joined once at the end, never copied while growing. */
  private final List<byte[]> chunks = new ArrayList<>();

  private long size;
  private Flow.Subscription subscription;

  private BoundedBody(long limit) {
    this.limit = limit;
  }

  /**
   * A handler whose bodies hold at most {@code limit} bytes. A reply that announces a longer body
   * fails before any of it is read.
   */
  static HttpResponse.BodyHandler<byte[]> upTo(long limit) {
    return info -> {
      BoundedBody b = new BoundedBody(limit);
      long announced = info.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (announced > limit) {
        b.result.completeExceptionally(new TooLarge(limit));
      }
      return b;
    };
  }

  @Override
  public CompletionStage<byte[]> getBody() {
    return result;
  }

  @Override
  public void onSubscribe(Flow.Subscription s) {
    subscription = s;
    if (result.isDone()) {
      s.cancel();
      return;
    }
    s.request(Long.MAX_VALUE);
  }

  @Override
  public void onNext(List<ByteBuffer> items) {
    if (result.isDone()) {
      return;
    }
    for (ByteBuffer b : items) {
      if (size + b.remaining() > limit) {
        // Completed first: whatever cancelling triggers finds the outcome decided.
        result.completeExceptionally(new TooLarge(limit));
        subscription.cancel();
        return;
      }
      byte[] chunk = new byte[b.remaining()];
      b.get(chunk);
      chunks.add(chunk);
      size += chunk.length;
    }
  }

  @Override
  public void onError(Throwable t) {
    result.completeExceptionally(t);
  }

  @Override
  public void onComplete() {
    byte[] all = new byte[(int) size];
    int at = 0;
    for (byte[] c : chunks) {
      System.arraycopy(c, 0, all, at, c.length);
      at += c.length;
    }
    chunks.clear();
    result.complete(all);
  }
}
