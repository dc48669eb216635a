// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.netmon;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * A rtnetlink socket subscribed to link, address and route changes (IPv4 and IPv6), through the
 * JDK's foreign function API. Receives time out every second so the owner can notice it was
 * stopped. One thread receives; {@link #close} from another thread after that thread has stopped.
 */
final class NetlinkSocket implements AutoCloseable {

  private static final int AF_NETLINK = 16;
  private static final int SOCK_RAW = 3;
  private static final int SOCK_CLOEXEC = 0x80000;
  private static final int NETLINK_ROUTE = 0;
  private static final int SOL_SOCKET = 1;
  private static final int SO_RCVTIMEO = 20;
  private static final int EAGAIN = 11;
  private static final int EINTR = 4;
  private static final int ENOBUFS = 105;
  // RTMGRP_LINK | RTMGRP_IPV4_IFADDR | RTMGRP_IPV4_ROUTE | RTMGRP_IPV6_IFADDR | RTMGRP_IPV6_ROUTE
  private static final int GROUPS = 0x1 | 0x10 | 0x40 | 0x100 | 0x400;

  /** What {@link #receive} returns when the kernel dropped messages (our buffer overflowed). */
  static final int OVERFLOW = -2;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final StructLayout STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
  private static final MethodHandle SOCKET =
      call("socket", FunctionDescriptor.of(INT, INT, INT, INT));
  private static final MethodHandle SETSOCKOPT =
      call("setsockopt", FunctionDescriptor.of(INT, INT, INT, INT, ValueLayout.ADDRESS, INT));
  private static final MethodHandle BIND =
      call("bind", FunctionDescriptor.of(INT, INT, ValueLayout.ADDRESS, INT));
  private static final MethodHandle RECV =
      call(
          "recv",
          FunctionDescriptor.of(
              ValueLayout.JAVA_LONG, INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG, INT));
  private static final MethodHandle CLOSE = call("close", FunctionDescriptor.of(INT, INT));

  private final Arena arena = Arena.ofShared();
  private final MemorySegment state = arena.allocate(STATE);
  private final int fd;

  private NetlinkSocket(int fd) {
    this.fd = fd;
  }

  private static MethodHandle call(String name, FunctionDescriptor fd) {
    MemorySegment fn =
        LINKER.defaultLookup().find(name).orElseThrow(() -> new UnsatisfiedLinkError(name));
    return LINKER.downcallHandle(fn, fd, Linker.Option.captureCallState("errno"));
  }

  /** Opens and subscribes. */
  static NetlinkSocket open() throws IOException {
    NetlinkSocket s;
    try (Arena a = Arena.ofConfined()) {
      MemorySegment st = a.allocate(STATE);
      int fd = (int) SOCKET.invokeExact(st, AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
      if (fd < 0) {
        throw new IOException("netlink socket: errno " + (int) ERRNO.get(st, 0L));
      }
      s = new NetlinkSocket(fd);
      MemorySegment tv = a.allocate(16);
      tv.set(ValueLayout.JAVA_LONG, 0, 1); // one second
      check(
          s, (int) SETSOCKOPT.invokeExact(st, fd, SOL_SOCKET, SO_RCVTIMEO, tv, 16), st, "timeout");
      MemorySegment addr = a.allocate(12);
      addr.set(ValueLayout.JAVA_SHORT, 0, (short) AF_NETLINK);
      addr.set(INT, 8, GROUPS);
      check(s, (int) BIND.invokeExact(st, fd, addr, 12), st, "bind");
    } catch (IOException | RuntimeException | Error e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    return s;
  }

  private static void check(NetlinkSocket s, int rc, MemorySegment st, String what)
      throws IOException {
    if (rc < 0) {
      int errno = (int) ERRNO.get(st, 0L);
      s.close();
      throw new IOException("netlink " + what + ": errno " + errno);
    }
  }

  /**
   * Receives one datagram into {@code buf}: its length, 0 on timeout, or {@link #OVERFLOW} when the
   * kernel had to drop notifications.
   */
  int receive(MemorySegment buf) throws IOException {
    long n;
    try {
      n = (long) RECV.invokeExact(state, fd, buf, buf.byteSize(), 0);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    if (n >= 0) {
      return (int) n;
    }
    int errno = (int) ERRNO.get(state, 0L);
    return switch (errno) {
      case EAGAIN, EINTR -> 0;
      case ENOBUFS -> OVERFLOW;
      default -> throw new IOException("netlink recv: errno " + errno);
    };
  }

  @Override
  public void close() {
    try {
      int ignored = (int) CLOSE.invokeExact(state, fd);
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
    arena.close();
  }
}
