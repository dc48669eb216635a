// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.tun.linux;

import dev.coderdesktop.tunnel.linux.Libc;
import dev.coderdesktop.tunnel.linux.WakeablePoll;
import dev.coderdesktop.tunnel.tun.TunDevice;
import dev.coderdesktop.tunnel.tun.offload.GroCoalescer;
import dev.coderdesktop.tunnel.tun.offload.GsoSplitter;
import dev.coderdesktop.tunnel.tun.offload.OffloadException;
import dev.coderdesktop.tunnel.tun.offload.VirtioNetHeader;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * A Linux TUN interface ({@code /dev/net/tun}, {@code IFF_TUN | IFF_NO_PI}) through the JDK's
 * foreign function API. Creating one needs CAP_NET_ADMIN; addresses, routes and link state are the
 * caller's business.
 *
 * <p>Where the kernel allows, the device is opened with offloads ({@code IFF_VNET_HDR} and {@code
 * TUNSETOFFLOAD}: checksums, TCP segmentation for IPv4 and IPv6, and UDP segmentation when the
 * kernel has it): one read then brings up to 64 KiB of one flow, which {@link #readBatch} cuts into
 * packets, and {@link #writeBatch} merges TCP segments into one write. Without them (or with {@code
 * -Dcoderdesktop.tun.offload=false}) each system call moves one packet.
 *
 * <p>The descriptor is non-blocking: a read that finds nothing waits in {@code poll} on the device
 * and an eventfd, so {@link #close()} can wake it. One thread may read while another writes.
 */
public final class LinuxTun implements TunDevice {

  private static final Logger LOG = Logger.getLogger(LinuxTun.class.getName());
  private static final long TUNSETIFF = 0x400454caL;
  private static final long TUNSETOFFLOAD = 0x400454d0L;
  private static final short IFF_TUN = 0x0001;
  private static final short IFF_NO_PI = 0x1000;
  private static final short IFF_VNET_HDR = 0x4000;
  private static final int TUN_F_CSUM = 0x01;
  private static final int TUN_F_TSO4 = 0x02;
  private static final int TUN_F_TSO6 = 0x04;
  private static final int TUN_F_USO4 = 0x20;
  private static final int TUN_F_USO6 = 0x40;
  private static final int IFNAMSIZ = 16;
  private static final int BUFFER = VirtioNetHeader.SIZE + 65536;

  private final String name;
  private final int mtu;
  private final Arena arena = Arena.ofShared();
  private final int fd;
  private final int offloads;
  private final WakeablePoll poll;
  private final AtomicLong badOffloads = new AtomicLong();
  private final Object readLock = new Object();
  private final Object writeLock = new Object();
  // Guarded by readLock.
  private final MemorySegment readBuf;
  private final Libc.CallState readState;
  private final WakeablePoll.Waiter readWait;
  private final byte[] raw = new byte[BUFFER];
  private final MemorySegment rawSeg = MemorySegment.ofArray(raw);
  private byte[][] pending = new byte[0][];
  private final int[] pendingSizes = new int[GSO_MAX_SEGMENTS];
  private int pendingCount;
  private int pendingNext;
  // Guarded by writeLock.
  private final MemorySegment writeBuf;
  private final Libc.CallState writeState;
  private final byte[] one = new byte[VirtioNetHeader.SIZE + 65536];
  private GroCoalescer coalescer = new GroCoalescer(64);
  private final GroCoalescer.Sink sink = this::writeOnce;
  private int coalescerCapacity = 64;

  /** Most packets one offloaded read can become (64 KiB cut into segments of at least 1 KiB). */
  private static final int GSO_MAX_SEGMENTS = 64;

  private LinuxTun(String name, int mtu, int fd, int offloads, WakeablePoll poll) {
    this.name = name;
    this.mtu = mtu;
    this.fd = fd;
    this.offloads = offloads;
    this.poll = poll;
    readBuf = arena.allocate(BUFFER);
    writeBuf = arena.allocate(BUFFER);
    readState = new Libc.CallState(arena);
    writeState = new Libc.CallState(arena);
    readWait = poll.waiter(arena, Libc.POLLIN);
  }

  /**
   * Creates (or attaches to) the TUN interface {@code name}, with offloads unless the system
   * property {@code coderdesktop.tun.offload} is {@code false}.
   */
  public static LinuxTun open(String name, int mtu) throws IOException {
    return open(name, mtu, !"false".equals(System.getProperty("coderdesktop.tun.offload")));
  }

  /** Creates (or attaches to) the TUN interface {@code name}, trying offloads when asked. */
  public static LinuxTun open(String name, int mtu, boolean tryOffloads) throws IOException {
    byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
    if (nameBytes.length == 0 || nameBytes.length >= IFNAMSIZ) {
      throw new IOException("interface name must be 1 to 15 characters: " + name);
    }
    try (Arena a = Arena.ofConfined()) {
      Libc.CallState cs = new Libc.CallState(a);
      if (tryOffloads) {
        int fd = create(cs, a, nameBytes, true);
        int granted = fd >= 0 ? negotiate(cs, fd) : 0;
        if (granted != 0) {
          return finish(cs, a, fd, nameBytes, mtu, granted);
        }
        if (fd >= 0) {
          Libc.close(cs, fd);
        }
        LOG.info(() -> "TUN offloads unavailable on " + name + ": one packet per system call");
      }
      int fd = create(cs, a, nameBytes, false);
      if (fd < 0) {
        throw Libc.error("TUNSETIFF " + name, -fd);
      }
      return finish(cs, a, fd, nameBytes, mtu, 0);
    }
  }

  /** Opens the device; returns the descriptor, or minus errno. */
  private static int create(Libc.CallState cs, Arena a, byte[] nameBytes, boolean vnet)
      throws IOException {
    int fd =
        Libc.open(
            cs, a.allocateFrom("/dev/net/tun"), Libc.O_RDWR | Libc.O_NONBLOCK | Libc.O_CLOEXEC);
    if (fd < 0) {
      throw Libc.error("open /dev/net/tun", cs.errno());
    }
    MemorySegment ifr = a.allocate(40);
    MemorySegment.copy(nameBytes, 0, ifr, ValueLayout.JAVA_BYTE, 0, nameBytes.length);
    ifr.set(
        ValueLayout.JAVA_SHORT,
        IFNAMSIZ,
        (short) (IFF_TUN | IFF_NO_PI | (vnet ? IFF_VNET_HDR : 0)));
    if (Libc.ioctl(cs, fd, TUNSETIFF, ifr) < 0) {
      int errno = cs.errno();
      Libc.close(cs, fd);
      return -errno;
    }
    return fd;
  }

  /** Asks for the offloads, with UDP segmentation and then without; returns what was granted. */
  private static int negotiate(Libc.CallState cs, int fd) {
    int tcp = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6;
    for (int want : new int[] {tcp | TUN_F_USO4 | TUN_F_USO6, tcp}) {
      // The argument is the flags themselves, passed as the pointer-sized value.
      if (Libc.ioctl(cs, fd, TUNSETOFFLOAD, MemorySegment.ofAddress(want)) == 0) {
        return want;
      }
    }
    return 0;
  }

  private static LinuxTun finish(
      Libc.CallState cs, Arena a, int fd, byte[] nameBytes, int mtu, int offloads)
      throws IOException {
    MemorySegment ifr = a.allocate(40);
    MemorySegment.copy(nameBytes, 0, ifr, ValueLayout.JAVA_BYTE, 0, nameBytes.length);
    String actual = new String(nameBytes, StandardCharsets.US_ASCII);
    try {
      LinuxTun tun = new LinuxTun(actual, mtu, fd, offloads, WakeablePoll.forDescriptor(fd));
      LOG.fine(() -> "TUN " + actual + " offloads 0x" + Integer.toHexString(offloads));
      return tun;
    } catch (IOException e) {
      Libc.close(cs, fd);
      throw e;
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

  /** Whether reads and writes carry virtio-net headers (TCP segmentation offload is on). */
  public boolean offloading() {
    return offloads != 0;
  }

  /** Offloaded reads dropped because their header and packet disagreed. */
  public long badOffloads() {
    return badOffloads.get();
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    synchronized (readLock) {
      if (offloads == 0) {
        int len = Math.min(readOnce(true), dst.remaining());
        MemorySegment.copy(readBuf, 0, MemorySegment.ofBuffer(dst), 0, len);
        dst.position(dst.position() + len);
        return len;
      }
      if (pendingNext == pendingCount) {
        if (pending.length == 0) {
          // Only for callers of the one-packet read; the engine reads batches.
          pending = new byte[GSO_MAX_SEGMENTS][mtu + 128];
        }
        pendingCount = readBatch(pending, 0, pendingSizes);
        pendingNext = 0;
      }
      int len = Math.min(pendingSizes[pendingNext], dst.remaining());
      dst.put(pending[pendingNext++], 0, len);
      return len;
    }
  }

  @Override
  public int readBatch(byte[][] bufs, int offset, int[] sizes) throws IOException {
    synchronized (readLock) {
      if (offloads == 0) {
        return readPlain(bufs, offset, sizes);
      }
      while (true) {
        int n = readOnce(true) - VirtioNetHeader.SIZE;
        if (n <= 0) {
          continue;
        }
        MemorySegment.copy(readBuf, 0, rawSeg, 0, n + VirtioNetHeader.SIZE);
        try {
          VirtioNetHeader h = VirtioNetHeader.parse(raw, 0);
          return GsoSplitter.split(h, raw, VirtioNetHeader.SIZE, n, bufs, offset, sizes);
        } catch (OffloadException | IllegalArgumentException e) {
          badOffloads.incrementAndGet();
          LOG.fine(() -> "dropping an offloaded read from " + name + ": " + e.getMessage());
        }
      }
    }
  }

  /** Without offloads: the first packet waits, then whatever else is already queued. */
  private int readPlain(byte[][] bufs, int offset, int[] sizes) throws IOException {
    int count = 0;
    while (count < bufs.length) {
      int n = readOnce(count == 0);
      if (n < 0) {
        break;
      }
      if (offset + n <= bufs[count].length) {
        MemorySegment.copy(readBuf, 0, MemorySegment.ofArray(bufs[count]), offset, n);
        sizes[count++] = n;
      }
    }
    return count;
  }

  /**
   * One read into {@code readBuf}; returns its length. When {@code wait}, waits for one, else
   * returns -1 when nothing is queued.
   */
  private int readOnce(boolean wait) throws IOException {
    while (true) {
      if (poll.closed()) {
        throw new ClosedChannelException();
      }
      long n = Libc.read(readState, fd, readBuf, BUFFER);
      if (n >= 0) {
        return (int) n;
      }
      int errno = readState.errno();
      if (errno == Libc.EAGAIN) {
        if (!wait) {
          return -1;
        }
        readWait.await(name);
      } else if (errno != Libc.EINTR) {
        if (poll.closed()) {
          throw new ClosedChannelException();
        }
        throw Libc.error("read " + name, errno);
      }
    }
  }

  @Override
  public void write(ByteBuffer src) throws IOException {
    synchronized (writeLock) {
      int len = src.remaining();
      int head = offloads != 0 ? VirtioNetHeader.SIZE : 0;
      VirtioNetHeader.writeNone(one, 0);
      src.get(one, head, len);
      writeOnce(one, 0, head + len);
    }
  }

  @Override
  public void writeBatch(byte[][] bufs, int offset, int[] sizes, int count) throws IOException {
    synchronized (writeLock) {
      if (offloads == 0) {
        for (int i = 0; i < count; i++) {
          writeOnce(bufs[i], offset, sizes[i]);
        }
        return;
      }
      if (count > coalescerCapacity) {
        coalescerCapacity = count;
        coalescer = new GroCoalescer(count);
      }
      coalescer.write(bufs, offset, sizes, count, sink);
    }
  }

  /** Writes {@code b[off, off+len)} (with its virtio-net header when offloading) as one packet. */
  private void writeOnce(byte[] b, int off, int len) throws IOException {
    if (poll.closed()) {
      throw new ClosedChannelException();
    }
    MemorySegment.copy(MemorySegment.ofArray(b), off, writeBuf, 0, len);
    long n = Libc.write(writeState, fd, writeBuf, len);
    if (n < 0) {
      int errno = writeState.errno();
      // A full device queue drops the packet, as a full NIC would; TCP recovers.
      if (errno != Libc.EAGAIN) {
        throw Libc.error("write " + name, errno);
      }
    }
  }

  @Override
  public void close() {
    poll.closeDescriptor(readLock, writeLock, arena);
  }
}
