// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.netmon;

import dev.coderdesktop.tunnel.time.Clock;
import dev.coderdesktop.tunnel.time.Timer;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tells its owner when the machine's network changed: links, addresses, default routes (see {@link
 * RtnetlinkParser}), except on the interfaces it is told to ignore (our own TUN device, whose
 * set-up would otherwise look like a change). A burst of kernel messages, as one Wi-Fi switch
 * makes, becomes one call {@link #DEBOUNCE} after the last of them.
 *
 * <p>Thread-safe. One named daemon thread reads the socket; {@code onChange} runs on the clock's
 * timer thread and must not block.
 */
public final class NetworkMonitor implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(NetworkMonitor.class.getName());

  /** Quiet time after the last change before the owner is told. */
  public static final Duration DEBOUNCE = Duration.ofMillis(750);

  private final Set<String> ignoredInterfaces;
  private final Timer debounce;
  private volatile String lastChange = "";
  private volatile boolean closed;
  private Thread reader;

  /**
   * A monitor that calls {@code onChange} with a description of the last change, ignoring the
   * interfaces named in {@code ignoredInterfaces}.
   */
  public NetworkMonitor(Set<String> ignoredInterfaces, Clock clock, Consumer<String> onChange) {
    this.ignoredInterfaces = Set.copyOf(ignoredInterfaces);
    this.debounce = clock.newTimer("netmon-debounce", () -> onChange.accept(lastChange));
  }

  /** Opens the rtnetlink socket and starts reading. */
  public synchronized void start() throws IOException {
    if (reader != null) {
      return;
    }
    NetlinkSocket socket = NetlinkSocket.open();
    reader = Thread.ofPlatform().name("netmon").daemon().start(() -> read(socket));
  }

  private void read(NetlinkSocket socket) {
    try (socket;
        Arena arena = Arena.ofConfined()) {
      MemorySegment buf = arena.allocate(64 << 10);
      while (!closed) {
        int n = socket.receive(buf);
        if (n == NetlinkSocket.OVERFLOW) {
          note("netlink overflow (changes lost)");
        } else if (n > 0) {
          onDatagram(RtnetlinkParser.parse(buf.asSlice(0, n).asByteBuffer()));
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, "network monitor stopped; network changes go unnoticed", e);
    }
  }

  /** Feeds parsed changes (the reader thread, or a test). */
  void onDatagram(List<RouteChange> changes) {
    for (RouteChange c : changes) {
      if (!ignored(c.interfaceIndex())) {
        note(c.detail());
      }
    }
  }

  private void note(String detail) {
    if (closed) {
      return;
    }
    lastChange = detail;
    debounce.mod(DEBOUNCE);
  }

  private boolean ignored(int index) {
    for (String name : ignoredInterfaces) {
      try {
        String text = Files.readString(Path.of("/sys/class/net", name, "ifindex")).strip();
        if (Integer.parseInt(text) == index) {
          return true;
        }
      } catch (IOException | NumberFormatException e) {
        // The interface is gone (or never existed): it cannot be the one in the message.
      }
    }
    return false;
  }

  /** Stops reading and drops a pending notification. */
  @Override
  public void close() {
    closed = true;
    debounce.cancel();
  }
}
