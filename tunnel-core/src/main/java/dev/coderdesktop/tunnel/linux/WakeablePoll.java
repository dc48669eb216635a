// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Waiting on a non-blocking descriptor in {@code poll} beside an eventfd, so that another thread's
 * {@link #wake()} (on close) ends the wait. Each waiting thread uses its own {@link Waiter}; {@link
 * #wake()} may be called from any thread, once the descriptor is being closed.
 */
public final class WakeablePoll {

  private final int fd;
  private final int wakeFd;
  private volatile boolean closed;

  private WakeablePoll(int fd, int wakeFd) {
    this.fd = fd;
    this.wakeFd = wakeFd;
  }

  /** For descriptor {@code fd}; creates the eventfd. */
  public static WakeablePoll forDescriptor(int fd) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      Libc.CallState cs = new Libc.CallState(a);
      int wake = Libc.eventfd(cs, 0, Libc.O_NONBLOCK | Libc.O_CLOEXEC);
      if (wake < 0) {
        throw Libc.error("eventfd", cs.errno());
      }
      return new WakeablePoll(fd, wake);
    }
  }

  /** One thread's poll set for {@code events} (POLLIN or POLLOUT), allocated in {@code arena}. */
  public Waiter waiter(Arena arena, short events) {
    return new Waiter(arena, events);
  }

  /** Ends every wait, now and later. */
  public void wake() {
    try (Arena a = Arena.ofConfined()) {
      Libc.CallState cs = new Libc.CallState(a);
      MemorySegment one = a.allocate(8);
      one.set(ValueLayout.JAVA_LONG, 0, 1L);
      Libc.write(cs, wakeFd, one, 8);
    }
  }

  /**
   * Whether {@link #closeDescriptor} has begun: a loop woken from its wait checks this before
   * waiting again, and a call that failed because the descriptor went away reports a closed channel
   * rather than the errno.
   */
  public boolean closed() {
    return closed;
  }

  /**
   * Closes a descriptor that one thread reads and another writes, once (later calls return at
   * once): marks this poll closed, wakes both, waits until neither holds its lock (so none is
   * inside a call on {@code fd} or its buffers), then closes {@code fd}, this poll's eventfd and
   * {@code buffers}. Synchronized: two closers must not both free the memory.
   */
  public synchronized void closeDescriptor(Object readLock, Object writeLock, Arena buffers) {
    if (closed) {
      return;
    }
    closed = true;
    wake();
    synchronized (readLock) {
      synchronized (writeLock) {
        try (Arena a = Arena.ofConfined()) {
          Libc.close(new Libc.CallState(a), fd);
        }
        closeEventFd();
        buffers.close();
      }
    }
  }

  /** Closes the eventfd (not the descriptor), once, from closeDescriptor after the waiters stop. */
  private void closeEventFd() {
    try (Arena a = Arena.ofConfined()) {
      Libc.close(new Libc.CallState(a), wakeFd);
    }
  }

  /** A poll set owned by one thread. */
  public final class Waiter {
    private final MemorySegment pollFds;
    private final Libc.CallState state;

    private Waiter(Arena arena, short events) {
      pollFds = arena.allocate(16);
      state = new Libc.CallState(arena);
      pollFds.set(ValueLayout.JAVA_INT, 0, fd);
      pollFds.set(ValueLayout.JAVA_SHORT, 4, events);
      pollFds.set(ValueLayout.JAVA_INT, 8, wakeFd);
      pollFds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
    }

    /** Blocks until the descriptor is ready or {@link #wake()} was called. */
    public void await(String what) throws IOException {
      if (Libc.poll(state, pollFds, 2, -1) < 0 && state.errno() != Libc.EINTR) {
        throw Libc.error("poll " + what, state.errno());
      }
    }
  }
}
