// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.linux;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Logger;

/**
 * A non-blocking UDP socket that receives with {@code recvmmsg} and sends with {@code sendmmsg}: up
 * to {@link #BATCH} datagrams per system call each way. Where the kernel has the UDP offloads, a
 * run of equal-sized datagrams to one peer goes out as a single message ({@code UDP_SEGMENT}), and
 * a run that arrives as one ({@code UDP_GRO}) is split back into its datagrams here. An IPv6 socket
 * may be dual-stack, in which case IPv4 peers appear as (and are sent to as) IPv4 addresses, as
 * with the JDK's channels.
 *
 * <p>Datagrams longer than {@link #RECEIVE_SLOT} bytes (or than the caller's buffer) are dropped on
 * receipt (WireGuard, disco and STUN datagrams are far smaller); sends of any size work.
 * Thread-safety: one thread receives; sends from any thread are serialised. {@link #close()} wakes
 * a waiting receiver or sender, which then throws {@link ClosedChannelException}.
 */
public final class UdpBatchSocket implements AutoCloseable {

  /** Most datagrams per system call. */
  public static final int BATCH = 64;

  /** Room per received datagram (a jumbo frame's payload). */
  public static final int RECEIVE_SLOT = 9216;

  private static final int SEND_SLOT = 4096;
  private static final int AF_INET = 2;
  private static final int AF_INET6 = 10;
  private static final int SOCK_DGRAM = 2;
  private static final int SOL_SOCKET = 1;
  private static final int SO_SNDBUF = 7;
  private static final int SO_RCVBUF = 8;
  private static final int IPPROTO_IPV6 = 41;
  private static final int IPV6_V6ONLY = 26;
  private static final int MSG_TRUNC = 0x20;
  private static final int MMSGHDR = 64;
  private static final int IOVEC = 16;
  private static final int SOCKADDR = 28;
  private static final int NAME_SLOT = 32;
  private static final int SOL_UDP = 17;
  private static final int UDP_SEGMENT = 103;
  // A cmsghdr (16 bytes) and the u16 segment size, padded to 8: CMSG_SPACE(2).
  private static final int CMSG_SPACE_U16 = 24;
  private static final int CMSG_LEN_U16 = 18;
  // The kernel's UDP_MAX_SEGMENTS until 6.x raised it; and under both families' 64 KiB payloads.
  private static final int MAX_SEGMENTS = 64;
  private static final int MAX_SEGMENTED_BYTES = 65_000;
  private static final int UDP_GRO = 104;
  // A cmsghdr and the int segment size: CMSG_SPACE(4).
  private static final int CMSG_SPACE_INT = 24;
  // With coalesced receives each of the BATCH slots holds a whole run (up to 64 KiB). Not fewer
  // slots: a peer that does not segment (each datagram a message, acknowledgements mostly) fills
  // one slot per datagram, and with 9 or 32 slots per call Java -> wireguard-go lost 3-9 %. 4 MiB
  // of address space, but only the pages the kernel writes become resident: a slot that takes a
  // small datagram costs one page.
  private static final int RUN_SLOT = 65_536;
  private static final Logger LOG = Logger.getLogger(UdpBatchSocket.class.getName());

  private final int fd;
  private final boolean ipv6;
  private final int port;
  private final WakeablePoll poll;
  private final Arena arena;
  private final Object receiveLock = new Object();
  private final Object sendLock = new Object();
  // Guarded by receiveLock.
  private final MemorySegment rMsgs;
  private final MemorySegment rData;
  private final MemorySegment rNames;
  private final MemorySegment rCtrl;
  private final Libc.CallState rState;
  private final WakeablePoll.Waiter rWait;
  private final boolean gro;
  private final int rSlotSize;
  private final byte[] lastName = new byte[SOCKADDR];
  private final byte[] name = new byte[SOCKADDR];
  private final MemorySegment nameSeg = MemorySegment.ofArray(name);
  // The slots the last recvmmsg filled: only those need their name length and flags reset.
  private int rDirty = BATCH;
  // What the last recvmmsg filled and what of it is not yet handed out: a coalesced run can hold
  // more datagrams than the caller has room for.
  private int rFilled;
  private int rNext;
  private int rOffset;
  // The last recvmmsg filled fewer slots than it was given, so the queue was empty then: the next
  // receive waits first instead of asking again only to get EAGAIN (one system call less per
  // wake-up; a ping's hop or a TCP acknowledgement is one datagram per wake-up).
  private boolean rDrained;
  // Written by the receiver under receiveLock; read by tests without it (a receiver waits holding
  // it).
  private volatile long rCoalesced;
  private InetSocketAddress lastFrom;
  // The slot lastFrom was read from since the last recvmmsg, so a run's pieces read it once.
  private int lastFromSlot = -1;
  // Guarded by sendLock.
  private final MemorySegment sMsgs;
  private final MemorySegment sIov;
  private final MemorySegment sData;
  private final MemorySegment sName;
  private final MemorySegment sCtrl;
  private final int[] sFirst = new int[BATCH + 1];
  private final Libc.CallState sState;
  private final WakeablePoll.Waiter sWait;
  private InetSocketAddress lastTo;
  private int lastToLen;
  private boolean gso;

  /**
   * {@code rData} is mapped in {@code arena}, sized for {@code gro}'s slots (see {@link #open}).
   */
  private UdpBatchSocket(
      int fd,
      boolean ipv6,
      int port,
      WakeablePoll poll,
      boolean gso,
      boolean gro,
      Arena arena,
      MemorySegment rData) {
    this.arena = arena;
    this.rData = rData;
    rSlotSize = gro ? RUN_SLOT : RECEIVE_SLOT;
    this.fd = fd;
    this.ipv6 = ipv6;
    this.port = port;
    this.poll = poll;
    this.gso = gso;
    this.gro = gro;
    rMsgs = arena.allocate((long) BATCH * MMSGHDR, 8);
    MemorySegment rIov = arena.allocate((long) BATCH * IOVEC, 8);
    rNames = arena.allocate((long) BATCH * NAME_SLOT, 8);
    rCtrl = arena.allocate((long) BATCH * CMSG_SPACE_INT, 8);
    sMsgs = arena.allocate((long) BATCH * MMSGHDR, 8);
    sIov = arena.allocate((long) BATCH * IOVEC, 8);
    sData = arena.allocate((long) BATCH * SEND_SLOT, 8);
    sName = arena.allocate(NAME_SLOT, 8);
    sCtrl = arena.allocate((long) BATCH * CMSG_SPACE_U16, 8);
    for (int i = 0; i < BATCH; i++) {
      long m = (long) i * MMSGHDR;
      long v = (long) i * IOVEC;
      rIov.set(ValueLayout.ADDRESS, v, rData.asSlice((long) i * rSlotSize));
      rIov.set(ValueLayout.JAVA_LONG, v + 8, rSlotSize);
      rMsgs.set(ValueLayout.ADDRESS, m, rNames.asSlice((long) i * NAME_SLOT));
      rMsgs.set(ValueLayout.ADDRESS, m + 16, rIov.asSlice(v));
      rMsgs.set(ValueLayout.JAVA_LONG, m + 24, 1L);
      rMsgs.set(ValueLayout.ADDRESS, m + 32, rCtrl.asSlice((long) i * CMSG_SPACE_INT));
      sMsgs.set(ValueLayout.ADDRESS, m, sName);
      sMsgs.set(ValueLayout.ADDRESS, m + 16, sIov.asSlice(v));
      sMsgs.set(ValueLayout.JAVA_LONG, m + 24, 1L);
      // Each message's control buffer holds one UDP_SEGMENT header; a message carries it only
      // when its length is set (prepare).
      long c = (long) i * CMSG_SPACE_U16;
      sCtrl.set(ValueLayout.JAVA_LONG, c, CMSG_LEN_U16);
      sCtrl.set(ValueLayout.JAVA_INT, c + 8, SOL_UDP);
      sCtrl.set(ValueLayout.JAVA_INT, c + 12, UDP_SEGMENT);
      sMsgs.set(ValueLayout.ADDRESS, m + 32, sCtrl.asSlice(c));
    }
    rState = new Libc.CallState(arena);
    sState = new Libc.CallState(arena);
    rWait = poll.waiter(arena, Libc.POLLIN);
    sWait = poll.waiter(arena, Libc.POLLOUT);
  }

  /**
   * Opens a socket bound to {@code port} (0: any free one) on the wildcard address: IPv6 when
   * {@code ipv6} (also carrying IPv4 when {@code dualStack}), else IPv4.
   */
  public static UdpBatchSocket open(boolean ipv6, boolean dualStack, int port, int bufferBytes)
      throws IOException {
    return open(ipv6, dualStack, port, bufferBytes, true);
  }

  /**
   * As {@link #open(boolean, boolean, int, int)}; with {@code offloads} false the socket neither
   * segments its sends nor takes coalesced runs, as on a kernel without either.
   */
  static UdpBatchSocket open(
      boolean ipv6, boolean dualStack, int port, int bufferBytes, boolean offloads)
      throws IOException {
    try (Arena a = Arena.ofConfined()) {
      Libc.CallState cs = new Libc.CallState(a);
      int fd =
          Libc.socket(
              cs, ipv6 ? AF_INET6 : AF_INET, SOCK_DGRAM | Libc.O_NONBLOCK | Libc.O_CLOEXEC, 0);
      if (fd < 0) {
        throw Libc.error("socket", cs.errno());
      }
      try {
        MemorySegment v = a.allocate(4);
        if (ipv6) {
          v.set(ValueLayout.JAVA_INT, 0, dualStack ? 0 : 1);
          check(cs, Libc.setsockopt(cs, fd, IPPROTO_IPV6, IPV6_V6ONLY, v, 4), "IPV6_V6ONLY");
        }
        v.set(ValueLayout.JAVA_INT, 0, bufferBytes);
        // Capped by the kernel's rmem_max and wmem_max, as with the JDK's channels.
        check(cs, Libc.setsockopt(cs, fd, SOL_SOCKET, SO_RCVBUF, v, 4), "SO_RCVBUF");
        check(cs, Libc.setsockopt(cs, fd, SOL_SOCKET, SO_SNDBUF, v, 4), "SO_SNDBUF");
        MemorySegment addr = a.allocate(SOCKADDR);
        addr.set(ValueLayout.JAVA_SHORT, 0, (short) (ipv6 ? AF_INET6 : AF_INET));
        addr.set(ValueLayout.JAVA_BYTE, 2, (byte) (port >>> 8));
        addr.set(ValueLayout.JAVA_BYTE, 3, (byte) port);
        int len = ipv6 ? SOCKADDR : 16;
        check(cs, Libc.bind(cs, fd, addr, len), "bind UDP port " + port);
        MemorySegment lenOut = a.allocate(4);
        lenOut.set(ValueLayout.JAVA_INT, 0, SOCKADDR);
        check(cs, Libc.getsockname(cs, fd, addr, lenOut), "getsockname");
        int bound =
            (addr.get(ValueLayout.JAVA_BYTE, 2) & 0xff) << 8
                | addr.get(ValueLayout.JAVA_BYTE, 3) & 0xff;
        // A segment size of 0 is the default (no segmentation); setting it only asks whether the
        // kernel knows the option (4.18 and later).
        v.set(ValueLayout.JAVA_INT, 0, 0);
        boolean gso = offloads && Libc.setsockopt(cs, fd, SOL_UDP, UDP_SEGMENT, v, 4) == 0;
        // Coalesced receives (5.0 and later): a run of equal-sized datagrams from one source
        // arrives as one, with its segment size in a control message, and is split here.
        v.set(ValueLayout.JAVA_INT, 0, 1);
        boolean gro = offloads && Libc.setsockopt(cs, fd, SOL_UDP, UDP_GRO, v, 4) == 0;
        // Mapped rather than allocated: an arena zeroes what it allocates, making every page
        // resident at once. Before the poll, whose eventfd only closeDescriptor closes.
        Arena arena = Arena.ofShared();
        MemorySegment data;
        WakeablePoll poll;
        try {
          data = Libc.mapAnonymous((long) BATCH * (gro ? RUN_SLOT : RECEIVE_SLOT), arena);
          poll = WakeablePoll.forDescriptor(fd);
        } catch (IOException | RuntimeException e) {
          arena.close();
          throw e;
        }
        return new UdpBatchSocket(fd, ipv6, bound, poll, gso, gro, arena, data);
      } catch (IOException | RuntimeException e) {
        Libc.close(cs, fd);
        throw e;
      }
    }
  }

  private static void check(Libc.CallState cs, int rc, String what) throws IOException {
    if (rc < 0) {
      throw Libc.error(what, cs.errno());
    }
  }

  /** The bound port. */
  public int localPort() {
    return port;
  }

  /**
   * Blocks until at least one datagram arrived, then takes as many as the shortest of the three
   * arrays has room for (at most {@link #BATCH}; none is refused): datagram {@code i} into {@code
   * bufs[i]} from 0, its length into {@code sizes[i]}, its source into {@code from[i]}. Returns how
   * many.
   */
  public int receive(byte[][] bufs, int[] sizes, InetSocketAddress[] from) throws IOException {
    int want = Math.min(Math.min(bufs.length, sizes.length), Math.min(from.length, BATCH));
    if (want == 0) {
      throw new IllegalArgumentException("receive needs room for at least one datagram");
    }
    synchronized (receiveLock) {
      while (true) {
        if (poll.closed()) {
          throw new ClosedChannelException();
        }
        if (rNext < rFilled) {
          int got = collect(want, bufs, sizes, from);
          if (got > 0) {
            return got;
          }
          continue;
        }
        // The kernel rewrites the name length, control length and flags of the slots it fills
        // and no others; a wake-up for one datagram so costs three stores here, not three for
        // each slot.
        for (int i = 0; i < rDirty; i++) {
          long m = (long) i * MMSGHDR;
          rMsgs.set(ValueLayout.JAVA_INT, m + 8, SOCKADDR);
          rMsgs.set(ValueLayout.JAVA_LONG, m + 40, gro ? CMSG_SPACE_INT : 0L);
          rMsgs.set(ValueLayout.JAVA_INT, m + 48, 0);
        }
        rDirty = 0;
        if (rDrained) {
          // poll reports a pending socket error (an ICMP one) too; recvmmsg then throws it below.
          rDrained = false;
          rWait.await("UDP socket");
          continue;
        }
        int n = Libc.recvmmsg(rState, fd, rMsgs, want, 0);
        if (n > 0) {
          rDirty = n;
          rFilled = n;
          rNext = 0;
          rOffset = 0;
          lastFromSlot = -1;
          rDrained = n < want;
          continue;
        }
        int errno = rState.errno();
        if (n == 0 || errno == Libc.EAGAIN) {
          rWait.await("UDP socket");
        } else if (errno != Libc.EINTR) {
          if (poll.closed()) {
            throw new ClosedChannelException();
          }
          // An ICMP error reported on the socket; the socket itself is fine.
          throw Libc.error("recvmmsg", errno);
        }
      }
    }
  }

  /**
   * Hands out up to {@code want} datagrams from where the last call stopped in what recvmmsg
   * filled, a coalesced run cut at its segment size. Truncated datagrams and datagrams longer than
   * the caller's buffer are dropped.
   */
  private int collect(int want, byte[][] bufs, int[] sizes, InetSocketAddress[] from)
      throws IOException {
    int out = 0;
    while (out < want && rNext < rFilled) {
      int i = rNext;
      long m = (long) i * MMSGHDR;
      int len = rMsgs.get(ValueLayout.JAVA_INT, m + 56);
      if ((rMsgs.get(ValueLayout.JAVA_INT, m + 48) & MSG_TRUNC) != 0) {
        rNext++;
        rOffset = 0;
        continue;
      }
      int segment = gro ? runSegment(i) : 0;
      if (segment <= 0 || segment > len) {
        segment = len;
      } else if (rOffset == 0 && segment < len) {
        rCoalesced++;
      }
      int piece = Math.min(segment, len - rOffset);
      if (piece <= bufs[out].length) {
        MemorySegment.copy(
            rData, (long) i * rSlotSize + rOffset, MemorySegment.ofArray(bufs[out]), 0, piece);
        sizes[out] = piece;
        from[out] = i == lastFromSlot ? lastFrom : source(i);
        out++;
      }
      rOffset += piece;
      if (rOffset >= len) {
        rNext++;
        rOffset = 0;
      }
    }
    return out;
  }

  /** The segment size of slot {@code i}'s coalesced run, or 0 when it holds one datagram. */
  private int runSegment(int i) {
    long m = (long) i * MMSGHDR;
    if (rMsgs.get(ValueLayout.JAVA_LONG, m + 40) < 20) {
      return 0;
    }
    long c = (long) i * CMSG_SPACE_INT;
    if (rCtrl.get(ValueLayout.JAVA_INT, c + 8) != SOL_UDP
        || rCtrl.get(ValueLayout.JAVA_INT, c + 12) != UDP_GRO) {
      return 0;
    }
    return rCtrl.get(ValueLayout.JAVA_INT, c + 16);
  }

  /** The source of datagram {@code i}; the last one's object again while it stays the same. */
  private InetSocketAddress source(int i) throws UnknownHostException {
    MemorySegment.copy(rNames, (long) i * NAME_SLOT, nameSeg, 0, SOCKADDR);
    if (lastFrom != null && java.util.Arrays.equals(name, lastName)) {
      lastFromSlot = i;
      return lastFrom;
    }
    int family = (name[0] & 0xff) | (name[1] & 0xff) << 8;
    int p = (name[2] & 0xff) << 8 | name[3] & 0xff;
    InetAddress addr;
    if (family == AF_INET) {
      addr = InetAddress.getByAddress(java.util.Arrays.copyOfRange(name, 4, 8));
    } else {
      // getByAddress turns a v4-mapped address into an Inet4Address, as the JDK's channels do.
      addr = InetAddress.getByAddress(java.util.Arrays.copyOfRange(name, 8, 24));
    }
    lastFrom = new InetSocketAddress(addr, p);
    System.arraycopy(name, 0, lastName, 0, SOCKADDR);
    lastFromSlot = i;
    return lastFrom;
  }

  /**
   * Sends {@code bufs[i][offset, offset+sizes[i])} for {@code i < count} to {@code to}, in order,
   * in as few system calls as possible; waits while the socket buffer is full. Where the kernel has
   * UDP segmentation offload, a run of datagrams of one size (the last may be shorter) travels
   * through its UDP and IP layers as one message, cut into datagrams only at the device or at the
   * receiving socket.
   */
  public void send(byte[][] bufs, int offset, int[] sizes, int count, InetSocketAddress to)
      throws IOException {
    synchronized (sendLock) {
      int nameLen = encode(to);
      int done = 0;
      while (done < count) {
        if (sizes[done] > SEND_SLOT) {
          sendLarge(bufs[done], offset, sizes[done], nameLen);
          done++;
          continue;
        }
        done = sendAll(pack(bufs, offset, sizes, done, count, nameLen));
      }
    }
  }

  /**
   * Copies datagrams from {@code from} on into the send buffer, one after another, and prepares a
   * message for each run that one segmented send may carry (each datagram alone when offload is
   * off): {@code sFirst[k]} is the first datagram of message {@code k}, {@code sFirst[n]} the one
   * after the last packed. Stops at a datagram larger than a send slot. Returns {@code n}.
   */
  private int pack(byte[][] bufs, int offset, int[] sizes, int from, int count, int nameLen) {
    long capacity = sData.byteSize();
    long pos = 0;
    long start = 0;
    int n = 0;
    int segment = 0;
    boolean runOpen = false;
    int i = from;
    for (; i < count; i++) {
      int len = sizes[i];
      if (len > SEND_SLOT || pos + len > capacity) {
        break;
      }
      boolean joins =
          runOpen
              && len > 0
              && len <= segment
              && i - sFirst[n - 1] < MAX_SEGMENTS
              && pos - start + len <= MAX_SEGMENTED_BYTES;
      if (!joins) {
        if (n == BATCH) {
          break;
        }
        if (n > 0) {
          prepare(n - 1, start, pos, segment, nameLen);
        }
        sFirst[n++] = i;
        start = pos;
        segment = len;
      }
      MemorySegment.copy(MemorySegment.ofArray(bufs[i]), offset, sData, pos, len);
      pos += len;
      // A shorter datagram can only end a run: the kernel cuts every segment but the last at the
      // run's size.
      runOpen = gso && len > 0 && len == segment;
    }
    if (n > 0) {
      prepare(n - 1, start, pos, segment, nameLen);
    }
    sFirst[n] = i;
    return n;
  }

  /** Points message {@code k} at {@code sData[start, end)}, segmented at {@code segment} bytes. */
  private void prepare(int k, long start, long end, int segment, int nameLen) {
    long m = (long) k * MMSGHDR;
    long v = (long) k * IOVEC;
    sIov.set(ValueLayout.JAVA_LONG, v, sData.address() + start);
    sIov.set(ValueLayout.JAVA_LONG, v + 8, end - start);
    sMsgs.set(ValueLayout.JAVA_INT, m + 8, nameLen);
    boolean segmented = end - start > segment;
    if (segmented) {
      sCtrl.set(ValueLayout.JAVA_SHORT, (long) k * CMSG_SPACE_U16 + 16, (short) segment);
    }
    sMsgs.set(ValueLayout.JAVA_LONG, m + 40, segmented ? CMSG_SPACE_U16 : 0L);
  }

  /**
   * Sends the {@code n} prepared messages; returns the datagram after the last one sent: {@code
   * sFirst[n]}, or less when segmented sends failed and were turned off, leaving the rest to be
   * packed again one datagram per message.
   */
  private int sendAll(int n) throws IOException {
    int sent = 0;
    while (sent < n) {
      if (poll.closed()) {
        throw new ClosedChannelException();
      }
      int r = Libc.sendmmsg(sState, fd, sMsgs.asSlice((long) sent * MMSGHDR), n - sent, 0);
      if (r > 0) {
        sent += r;
        continue;
      }
      int errno = sState.errno();
      if (errno == Libc.EAGAIN) {
        sWait.await("UDP socket");
      } else if (errno == Libc.EINTR) {
        continue;
      } else if (refusedSegmentation(errno)
          && sMsgs.get(ValueLayout.JAVA_LONG, (long) sent * MMSGHDR + 40) != 0) {
        return sendAloneAfterRefusal(sent, errno);
      } else {
        throw Libc.error("sendmmsg", errno);
      }
    }
    return sFirst[n];
  }

  /**
   * The kernel refused segmented message {@code k} with {@code errno}: sends the run's first
   * datagram alone. If that goes, the segmentation was at fault, and this socket sends one datagram
   * per message from now on (a socket serves every peer, so one narrow path turns it off for all);
   * returns the datagram after it. If it fails too, the fault is the destination's (port 0, say),
   * the offload stays on and the error is thrown.
   */
  private int sendAloneAfterRefusal(int k, int errno) throws IOException {
    long m = (long) k * MMSGHDR;
    int segment = sCtrl.get(ValueLayout.JAVA_SHORT, (long) k * CMSG_SPACE_U16 + 16) & 0xffff;
    sIov.set(ValueLayout.JAVA_LONG, (long) k * IOVEC + 8, segment);
    sMsgs.set(ValueLayout.JAVA_LONG, m + 40, 0L);
    sendOne(sMsgs.asSlice(m));
    gso = false;
    LOG.info(
        "UDP segmentation offload off for port "
            + port
            + ": "
            + Libc.error("sendmmsg", errno).getMessage());
    return sFirst[k] + 1;
  }

  /**
   * Errors with which the kernel refuses a segmented message as such: {@code EMSGSIZE} (a segment
   * larger than the path allows; {@code EINVAL} on kernels before that was changed), {@code EINVAL}
   * (also: checksums turned off on the socket), {@code EIO} (a route the offload cannot take, such
   * as IPsec, or before 6.11 a device that cannot checksum). Others (an unreachable network while
   * roaming, a firewall's refusal) say nothing about segmentation and are thrown.
   */
  private static boolean refusedSegmentation(int errno) {
    return errno == Libc.EINVAL || errno == Libc.EMSGSIZE || errno == Libc.EIO;
  }

  /** Whether sends are segmented by the kernel (false where it lacks the offload or refused it). */
  boolean segmentationOffload() {
    synchronized (sendLock) {
      return gso;
    }
  }

  /** The socket's descriptor, for tests that set options the class does not. */
  int descriptor() {
    return fd;
  }

  /** Whether runs of datagrams may arrive coalesced (the kernel has UDP_GRO and took it). */
  boolean coalescedReceive() {
    return gro;
  }

  /** How many coalesced runs have been split so far. */
  long coalescedRuns() {
    return rCoalesced;
  }

  /** A datagram larger than a send slot, through a message of its own. */
  private void sendLarge(byte[] b, int offset, int len, int nameLen) throws IOException {
    try (Arena a = Arena.ofConfined()) {
      MemorySegment data = a.allocate(len);
      MemorySegment.copy(b, offset, data, ValueLayout.JAVA_BYTE, 0, len);
      MemorySegment iov = a.allocate(IOVEC, 8);
      iov.set(ValueLayout.ADDRESS, 0, data);
      iov.set(ValueLayout.JAVA_LONG, 8, len);
      MemorySegment msg = a.allocate(MMSGHDR, 8);
      msg.set(ValueLayout.ADDRESS, 0, sName);
      msg.set(ValueLayout.JAVA_INT, 8, nameLen);
      msg.set(ValueLayout.ADDRESS, 16, iov);
      msg.set(ValueLayout.JAVA_LONG, 24, 1L);
      sendOne(msg);
    }
  }

  /** Sends the one message {@code msg}, waiting while the socket buffer is full. */
  private void sendOne(MemorySegment msg) throws IOException {
    while (true) {
      if (poll.closed()) {
        throw new ClosedChannelException();
      }
      if (Libc.sendmmsg(sState, fd, msg, 1, 0) > 0) {
        return;
      }
      int errno = sState.errno();
      if (errno == Libc.EAGAIN) {
        sWait.await("UDP socket");
      } else if (errno != Libc.EINTR) {
        throw Libc.error("sendmmsg", errno);
      }
    }
  }

  /** Writes {@code to} as this socket's sockaddr into the send name; returns its length. */
  private int encode(InetSocketAddress to) throws IOException {
    if (to.equals(lastTo)) {
      return lastToLen;
    }
    if (to.isUnresolved()) {
      throw new IOException("unresolved address " + to);
    }
    byte[] ip = to.getAddress().getAddress();
    if (!ipv6 && ip.length != 4) {
      // Refused before the cached name is touched: the next send to lastTo reuses it as is.
      throw new IOException("an IPv4 socket cannot send to " + to);
    }
    sName.fill((byte) 0);
    int p = to.getPort();
    if (!ipv6) {
      sName.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET);
      MemorySegment.copy(ip, 0, sName, ValueLayout.JAVA_BYTE, 4, 4);
      lastToLen = 16;
    } else {
      sName.set(ValueLayout.JAVA_SHORT, 0, (short) AF_INET6);
      if (to.getAddress() instanceof Inet4Address) {
        sName.set(ValueLayout.JAVA_BYTE, 18, (byte) 0xff);
        sName.set(ValueLayout.JAVA_BYTE, 19, (byte) 0xff);
        MemorySegment.copy(ip, 0, sName, ValueLayout.JAVA_BYTE, 20, 4);
      } else {
        MemorySegment.copy(ip, 0, sName, ValueLayout.JAVA_BYTE, 8, 16);
        if (to.getAddress() instanceof java.net.Inet6Address a6 && a6.getScopeId() != 0) {
          sName.set(ValueLayout.JAVA_INT, 24, a6.getScopeId());
        }
      }
      lastToLen = SOCKADDR;
    }
    sName.set(ValueLayout.JAVA_BYTE, 2, (byte) (p >>> 8));
    sName.set(ValueLayout.JAVA_BYTE, 3, (byte) p);
    lastTo = to;
    return lastToLen;
  }

  /** Closes the socket, waking a receiver or sender. Idempotent. */
  @Override
  public void close() {
    poll.closeDescriptor(receiveLock, sendLock, arena);
  }
}
