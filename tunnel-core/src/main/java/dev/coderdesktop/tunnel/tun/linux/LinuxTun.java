// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.linux;

import dev.coderdesktop.tunnel.tun.TunDevice;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;

/**
 * A Linux TUN interface ({@code /dev/net/tun}, {@code IFF_TUN | IFF_NO_PI}) through the JDK's
 * foreign function API. Creating one needs CAP_NET_ADMIN; addresses, routes and link state are the
 * caller's business.
 *
 * <p>The descriptor is non-blocking: a read that finds nothing waits in {@code poll} on the device
 * and an eventfd, so {@link #close()} can wake it. One thread may read while another writes.
 */
public final class LinuxTun implements TunDevice {

  private static final long TUNSETIFF = 0x400454caL;
  private static final short IFF_TUN = 0x0001;
  private static final short IFF_NO_PI = 0x1000;
  private static final int IFNAMSIZ = 16;
  private static final int BUFFER = 65536;

  private final String name;
  private final int mtu;
  private final Arena arena = Arena.ofShared();
  private final int fd;
  private final int wakeFd;
  private final Object readLock = new Object();
  private final Object writeLock = new Object();
  // Guarded by readLock.
  private final MemorySegment readBuf;
  private final MemorySegment pollFds;
  private final Libc.CallState readState;
  // Guarded by writeLock.
  private final MemorySegment writeBuf;
  private final Libc.CallState writeState;
  private volatile boolean closed;

  private LinuxTun(String name, int mtu, int fd, int wakeFd) {
    this.name = name;
    this.mtu = mtu;
    this.fd = fd;
    this.wakeFd = wakeFd;
    readBuf = arena.allocate(BUFFER);
    writeBuf = arena.allocate(BUFFER);
    pollFds = arena.allocate(16);
    readState = new Libc.CallState(arena);
    writeState = new Libc.CallState(arena);
    pollFds.set(ValueLayout.JAVA_INT, 0, fd);
    pollFds.set(ValueLayout.JAVA_SHORT, 4, Libc.POLLIN);
    pollFds.set(ValueLayout.JAVA_INT, 8, wakeFd);
    pollFds.set(ValueLayout.JAVA_SHORT, 12, Libc.POLLIN);
  }

  /** Creates (or attaches to) the TUN interface {@code name}. */
  public static LinuxTun open(String name, int mtu) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ) {
      throw new IOException("interface name must be 1 to 15 characters: " + name);
    }
    try (Arena a = Arena.ofConfined()) {
      Libc.CallState cs = new Libc.CallState(a);
      int fd =
          Libc.open(
              cs, a.allocateFrom("/dev/net/tun"), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
      if (fd < 0) {
        throw Libc.error("open /dev/net/tun", cs.errno());
      }
      MemorySegment ifr = a.allocate(40);
      MemorySegment.copy(nameBytes, 0, ifr, ValueLayout.JAVA_BYTE, 0, nameBytes.length);
      ifr.set(ValueLayout.JAVA_SHORT, IFNAMSIZ, (short) (IFF_TUN | IFF_NO_PI));
      if (Libc.ioctl(cs, fd, TUNSETIFF, ifr) < 0) {
        int errno = cs.errno();
        Libc.close(cs, fd);
        throw Libc.error("TUNSETIFF " + name, errno);
      }
      String actual = ifr.getString(0, StandardCharsets.US_ASCII);
      int wake = Libc.eventfd(cs, 0, Libc.O_NONBLOCK | Libc.O_CLOEXEC);
      if (wake < 0) {
        int errno = cs.errno();
        Libc.close(cs, fd);
        throw Libc.error("eventfd", errno);
      }
      return new LinuxTun(actual, mtu, fd, wake);
    }
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int mtu() {
    return mtu;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    synchronized (readLock) {
      while (true) {
        if (closed) {
          throw new ClosedChannelException();
        }
        long n = Libc.read(readState, fd, readBuf, Math.min(dst.remaining(), BUFFER));
        if (n >= 0) {
          MemorySegment.copy(readBuf, 0, MemorySegment.ofBuffer(dst), 0, n);
          dst.position(dst.position() + (int) n);
          return (int) n;
        }
        int errno = readState.errno();
        if (errno == Libc.EAGAIN) {
          if (Libc.poll(readState, pollFds, 2, -1) < 0 && readState.errno() != Libc.EINTR) {
            throw Libc.error("poll " + name, readState.errno());
          }
        } else if (errno != Libc.EINTR) {
          if (closed) {
            throw new ClosedChannelException();
          }
          throw Libc.error("read " + name, errno);
        }
      }
    }
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    synchronized (writeLock) {
      if (closed) {
        throw new ClosedChannelException();
      }
      int len = src.remaining();
      MemorySegment.copy(MemorySegment.ofBuffer(src), 0, writeBuf, 0, len);
      long n = Libc.write(writeState, fd, writeBuf, len);
      if (n < 0) {
        int errno = writeState.errno();
        // A full device queue drops the packet, as a full NIC would; TCP recovers.
        if (errno != Libc.EAGAIN) {
          throw Libc.error("write " + name, errno);
        }
      }
      src.position(src.limit());
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Arena a = Arena.ofConfined()) {
      Libc.CallState cs = new Libc.CallState(a);
      MemorySegment one = a.allocate(8);
      one.set(ValueLayout.JAVA_LONG, 0, 1L);
      Libc.write(cs, wakeFd, one, 8);
    }
    // Wait for a reader or writer in flight before freeing their buffers.
    synchronized (readLock) {
      synchronized (writeLock) {
        try (Arena a = Arena.ofConfined()) {
          Libc.CallState cs = new Libc.CallState(a);
          Libc.close(cs, fd);
          Libc.close(cs, wakeFd);
        }
        arena.close();
      }
    }
  }
}
