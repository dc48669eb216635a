// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.linux;

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
 * The few libc calls the TUN device and the UDP socket need, through the JDK's foreign function
 * API, each capturing {@code errno} so failures carry the system's own message. Stateless and
 * thread-safe.
 */
public final class Libc {

  /** open(2) flags. */
  public static final int O_RDWR = 2;

  /** Non-blocking descriptor (also SOCK_NONBLOCK). */
  public static final int O_NONBLOCK = 0x800;

  /** Close on exec (also SOCK_CLOEXEC). */
  public static final int O_CLOEXEC = 0x80000;

  /** errno: try again. */
  public static final int EAGAIN = 11;

  /** errno: interrupted. */
  public static final int EINTR = 4;

  /** errno: invalid argument. */
  public static final int EINVAL = 22;

  /** errno: input/output error. */
  public static final int EIO = 5;

  /** errno: message too long. */
  public static final int EMSGSIZE = 90;

  /** poll(2): readable. */
  public static final short POLLIN = 1;

  /** poll(2): writable. */
  public static final short POLLOUT = 4;

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
  private static final MethodHandle SOCKET =
      downcall(
          "socket",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT));
  private static final MethodHandle SETSOCKOPT =
      downcall(
          "setsockopt",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS,
              ValueLayout.JAVA_INT));
  private static final MethodHandle BIND =
      downcall(
          "bind",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS,
              ValueLayout.JAVA_INT));
  private static final MethodHandle GETSOCKNAME =
      downcall(
          "getsockname",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS,
              ValueLayout.ADDRESS));
  private static final FunctionDescriptor MMSG =
      FunctionDescriptor.of(
          ValueLayout.JAVA_INT,
          ValueLayout.JAVA_INT,
          ValueLayout.ADDRESS,
          ValueLayout.JAVA_INT,
          ValueLayout.JAVA_INT,
          ValueLayout.ADDRESS);
  private static final MethodHandle RECVMMSG = downcall("recvmmsg", MMSG);
  private static final MethodHandle SENDMMSG =
      downcall(
          "sendmmsg",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.ADDRESS,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT));
  private static final MethodHandle MMAP =
      downcall(
          "mmap",
          FunctionDescriptor.of(
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_LONG));
  private static final MethodHandle MUNMAP =
      downcall(
          "munmap",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT, ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG));
  private static final MethodHandle MADVISE =
      downcall(
          "madvise",
          FunctionDescriptor.of(
              ValueLayout.JAVA_INT,
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_LONG,
              ValueLayout.JAVA_INT));
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
  public static final class CallState {
    private final MemorySegment segment;

    /** Allocates the space in {@code arena}. */
    public CallState(Arena arena) {
      segment = arena.allocate(CALL_STATE);
    }

    /** The errno of the last call made with this state. */
    public int errno() {
      return (int) ERRNO.get(segment, 0L);
    }
  }

  /** open(2). */
  public static int open(CallState cs, MemorySegment path, int flags) {
    try {
      return (int) OPEN.invokeExact(cs.segment, path, flags);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** ioctl(2). */
  public static int ioctl(CallState cs, int fd, long request, MemorySegment arg) {
    try {
      return (int) IOCTL.invokeExact(cs.segment, fd, request, arg);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** read(2). */
  public static long read(CallState cs, int fd, MemorySegment buf, long len) {
    try {
      return (long) READ.invokeExact(cs.segment, fd, buf, len);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** write(2). */
  public static long write(CallState cs, int fd, MemorySegment buf, long len) {
    try {
      return (long) WRITE.invokeExact(cs.segment, fd, buf, len);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** close(2). */
  public static int close(CallState cs, int fd) {
    try {
      return (int) CLOSE.invokeExact(cs.segment, fd);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** poll(2). */
  public static int poll(CallState cs, MemorySegment fds, long nfds, int timeoutMillis) {
    try {
      return (int) POLL.invokeExact(cs.segment, fds, nfds, timeoutMillis);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** eventfd(2). */
  public static int eventfd(CallState cs, int initval, int flags) {
    try {
      return (int) EVENTFD.invokeExact(cs.segment, initval, flags);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** socket(2). */
  public static int socket(CallState cs, int domain, int type, int protocol) {
    try {
      return (int) SOCKET.invokeExact(cs.segment, domain, type, protocol);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** setsockopt(2). */
  public static int setsockopt(
      CallState cs, int fd, int level, int name, MemorySegment value, int len) {
    try {
      return (int) SETSOCKOPT.invokeExact(cs.segment, fd, level, name, value, len);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** bind(2). */
  public static int bind(CallState cs, int fd, MemorySegment addr, int len) {
    try {
      return (int) BIND.invokeExact(cs.segment, fd, addr, len);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** getsockname(2). */
  public static int getsockname(CallState cs, int fd, MemorySegment addr, MemorySegment len) {
    try {
      return (int) GETSOCKNAME.invokeExact(cs.segment, fd, addr, len);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** recvmmsg(2) without a timeout. */
  public static int recvmmsg(CallState cs, int fd, MemorySegment msgs, int n, int flags) {
    try {
      return (int) RECVMMSG.invokeExact(cs.segment, fd, msgs, n, flags, MemorySegment.NULL);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /** sendmmsg(2). */
  public static int sendmmsg(CallState cs, int fd, MemorySegment msgs, int n, int flags) {
    try {
      return (int) SENDMMSG.invokeExact(cs.segment, fd, msgs, n, flags);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }

  /**
   * {@code bytes} of private anonymous memory, readable and writable, owned by {@code arena}
   * (unmapped when it closes), on small pages. Unlike an arena's own allocation it is not zeroed by
   * the JVM: a page becomes resident only when first written (and stays so), so a large buffer that
   * is mostly idle costs little.
   */
  public static MemorySegment mapAnonymous(long bytes, Arena arena) throws IOException {
    long addr;
    try (Arena a = Arena.ofConfined()) {
      CallState cs = new CallState(a);
      // PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS
      addr = (long) MMAP.invokeExact(cs.segment, 0L, bytes, 3, 0x22, -1, 0L);
      if (addr == -1L) {
        throw error("mmap", cs.errno());
      }
      // MADV_NOHUGEPAGE: where transparent huge pages are always on, one small datagram would
      // otherwise make 2 MB resident. Advice only: its failure changes nothing else.
      int advised = (int) MADVISE.invokeExact(cs.segment, addr, bytes, 15);
    } catch (IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    return MemorySegment.ofAddress(addr)
        .reinterpret(
            bytes,
            arena,
            seg -> {
              try (Arena a = Arena.ofConfined()) {
                int unused =
                    (int) MUNMAP.invokeExact(new CallState(a).segment, seg.address(), bytes);
              } catch (Throwable t) {
                throw new IllegalStateException(t);
              }
            });
  }

  /** An IOException with the system's message for {@code errno}. */
  public static IOException error(String what, int errno) {
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
