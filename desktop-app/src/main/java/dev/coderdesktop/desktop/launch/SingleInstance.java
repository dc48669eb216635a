// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * One tray app per user session: the first instance listens on a Unix socket in {@code
 * $XDG_RUNTIME_DIR/coder-desktop/} (a directory only the user can enter); a later launch connects,
 * asks the first to show its window, and exits. A socket left by a crashed instance refuses the
 * connection and is replaced. Thread-safe: the listener runs on its own daemon thread and calls
 * {@code onShow} from there (the caller marshals to the UI thread).
 */
public final class SingleInstance implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(SingleInstance.class.getName());
  private static final String SHOW = "show\n";
  private static final String OPEN = "open ";
  private static final int MAX_MESSAGE = 4096;

  private final Path socket;
  private final ServerSocketChannel server;
  private volatile Runnable onShow = () -> {};
  private volatile java.util.function.Consumer<String> onOpen = link -> {};

  private SingleInstance(Path socket, ServerSocketChannel server) {
    this.socket = socket;
    this.server = server;
    Thread.ofPlatform().name("single-instance").daemon().start(this::serve);
  }

  /**
   * The socket for {@code env}: {@code $XDG_RUNTIME_DIR}, else {@code /tmp/coder-desktop-$USER}.
   */
  public static Path socket(Map<String, String> env) {
    String run = env.get("XDG_RUNTIME_DIR");
    Path dir =
        run != null && !run.isBlank()
            ? Path.of(run, "coder-desktop")
            : Path.of(
                System.getProperty("java.io.tmpdir"),
                "coder-desktop-" + System.getProperty("user.name"));
    return dir.resolve("tray.sock");
  }

  /**
   * Becomes the instance, or, when another one answers on {@code socket}, asks it to show its
   * window and returns empty.
   */
  public static Optional<SingleInstance> claim(Path socket) throws IOException {
    return claim(socket, Optional.empty());
  }

  /**
   * As above; with a {@code coder://} {@code link}, the running instance is asked to open it
   * instead of only showing its window.
   */
  public static Optional<SingleInstance> claim(Path socket, Optional<String> link)
      throws IOException {
    String message = link.map(l -> OPEN + l.replaceAll("[\\r\\n]", "") + "\n").orElse(SHOW);
    try (SocketChannel other = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      other.connect(UnixDomainSocketAddress.of(socket));
      other.write(ByteBuffer.wrap(message.getBytes(StandardCharsets.UTF_8)));
      return Optional.empty();
    } catch (IOException nobody) {
      // No instance (no socket, or a stale one from a crash): we are the first.
    }
    Files.createDirectories(
        socket.getParent(),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.deleteIfExists(socket);
    ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    s.bind(UnixDomainSocketAddress.of(socket));
    return Optional.of(new SingleInstance(socket, s));
  }

  /** What to do when a later launch asks (called on the listener thread). */
  public void onShow(Runnable r) {
    onShow = r;
  }

  /** What to do with a link a later launch was given (called on the listener thread). */
  public void onOpen(java.util.function.Consumer<String> c) {
    onOpen = c;
  }

  private void serve() {
    while (server.isOpen()) {
      try (SocketChannel c = server.accept()) {
        ByteBuffer b = ByteBuffer.allocate(MAX_MESSAGE);
        while (b.hasRemaining() && c.read(b) > 0) {
          // Read until the sender closes (it writes one line) or the limit.
        }
        String m = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
        if (m.equals(SHOW)) {
          LOG.info("another launch asked to show the window");
          onShow.run();
        } else if (m.startsWith(OPEN) && m.endsWith("\n")) {
          LOG.info("another launch was given a coder:// link");
          onOpen.accept(m.substring(OPEN.length(), m.length() - 1));
        }
      } catch (IOException e) {
        if (server.isOpen()) {
          LOG.fine("single-instance connection failed: " + e.getMessage());
        }
      }
    }
  }

  @Override
  public void close() throws IOException {
    server.close();
    Files.deleteIfExists(socket);
  }
}
