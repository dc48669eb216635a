// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc calls the TUN device needs, through the JDK's foreign function API, each capturing
 * {@code errno} so failures carry the system's own message. Stateless and thread-safe.
 */
final class Libc {

  static final int O_RDWR = 2;
  static final int O_NONBLOCK = 0x800;
  static final int O_CLOEXEC = 0x80000;
  static final int EAGAIN = 11;
  static final int EINTR = 4;
  static final short POLLIN = 1;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(java.lang.foreign.MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

  private static final MethodHandle OPEN =
      downcall(
          "open",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
  private static final MethodHandle IOCTL =
      downcall(
          "ioctl",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_LONG,
              ValueLayout.ADDRESS));
  private static final MethodHandle READ =
      downcall(
          "read",
          FunctionDescriptor.of(
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS,
              ValueLayout.JAVA_LONG));
  private static final MethodHandle WRITE =
      downcall(
          "write",
          FunctionDescriptor.of(
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS,
              ValueLayout.JAVA_LONG));
  private static final MethodHandle CLOSE =
      downcall("close", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle POLL =
      downcall(
          "poll",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS,
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_INT));
  private static final MethodHandle EVENTFD =
      downcall(
          "eventfd",
          FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
  private static final MethodHandle STRERROR =
      LINKER.downcallHandle(
          LINKER.defaultLookup().find("strerror").orElseThrow(),
          FunctionDescriptor.of(
              ValueLayout.ADDRESS.withTargetLayout(ValueLayout.JAVA_BYTE), ValueLayout.JAVA_INT));

  private Libc() {}

  private static MethodHandle downcall(String name, FunctionDescriptor fd) {
    MemorySegment fn =
        LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError(name));
    return LINKER.downcallHandle(fn, fd, CAPTURE);
  }

  /** Per-thread space for the captured errno. */
  static final class CallState {
    final MemorySegment segment;

    CallState(Arena arena) {
      segment = arena.allocate(CALL_STATE);
    }

    int errno() {
      return (int) ERRNO.get(segment, 0L);
    }
  }

  static int open(CallState cs, MemorySegment path, int flags) {
    try {
      return (int) OPEN.invokeExact(cs.segment, path, flags);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static int ioctl(CallState cs, int fd, long request, MemorySegment arg) {
    try {
      return (int) IOCTL.invokeExact(cs.segment, fd, request, arg);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static long read(CallState cs, int fd, MemorySegment buf, long len) {
    try {
      return (long) READ.invokeExact(cs.segment, fd, buf, len);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static long write(CallState cs, int fd, MemorySegment buf, long len) {
    try {
      return (long) WRITE.invokeExact(cs.segment, fd, buf, len);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static int close(CallState cs, int fd) {
    try {
      return (int) CLOSE.invokeExact(cs.segment, fd);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static int poll(CallState cs, MemorySegment fds, long nfds, int timeoutMillis) {
    try {
      return (int) POLL.invokeExact(cs.segment, fds, nfds, timeoutMillis);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  static int eventfd(CallState cs, int initval, int flags) {
    try {
      return (int) EVENTFD.invokeExact(cs.segment, initval, flags);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** An IOException with the system's message for {@code errno}. */
  static IOException error(String what, int errno) {
    String msg;
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      msg = s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      msg = "errno " + errno;
    }
    return new IOException(what + ": " + msg + " (errno " + errno + ")");
  }
}
