// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import dev.coderdesktop.vpn.proto.ChannelStreams;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.Semaphore;
import java.util.logging.Logger;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;

/**
 * The service's Unix domain socket: created with mode {@code 0660} (optionally owned by a group),
 * each connection's peer credentials checked against an {@link AccessPolicy} (refused peers are
 * closed at once with a logged reason), and each admitted connection served on a virtual thread of
 * its own so one bad client never disturbs another. At most {@code maxClients} connections are
 * served at once; the next one is closed at once, with a log line, until one ends.
 */
public final class LocalSocketServer implements Closeable {

  private static final Logger LOG = Logger.getLogger(LocalSocketServer.class.getName());

  /** Serves one admitted connection; returns when it ends. */
  @FunctionalInterface
  public interface Handler {
    /** Serves {@code channel} for the peer named {@code user}. */
    void serve(SocketChannel channel, String user) throws IOException;
  }

  private final Path path;
  private final ServerSocketChannel server;
  private final AccessPolicy policy;
  private final Handler handler;
  private final Semaphore slots;
  private final int maxClients;
  private volatile boolean closed;

  /**
   * Binds {@code path} (replacing a stale socket file, refusing any other kind of file) and starts
   * accepting. {@code group} may be null; {@code mode} is e.g. {@code rw-rw----}.
   */
  public LocalSocketServer(
      Path path, String mode, String group, AccessPolicy policy, Handler handler)
      throws IOException {
    this(path, mode, group, policy, handler, ClientLimits.DEFAULT.maxClients());
  }

  /** Like the other constructor, serving at most {@code maxClients} connections at once. */
  public LocalSocketServer(
      Path path, String mode, String group, AccessPolicy policy, Handler handler, int maxClients)
      throws IOException {
    this.maxClients = maxClients;
    this.slots = new Semaphore(maxClients);
    this.path = path;
    this.policy = policy;
    this.handler = handler;
    Files.createDirectories(path.getParent());
    if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      if (!"socket".equals(fileType(path))) {
        throw new IOException(path + " exists and is not a socket; refusing to replace it");
      }
      Files.delete(path);
    }
    server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
    server.bind(UnixDomainSocketAddress.of(path));
    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(mode));
    if (group != null) {
      GroupPrincipal g =
          path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group);
      Files.getFileAttributeView(path, java.nio.file.attribute.PosixFileAttributeView.class)
          .setGroup(g);
    }
    Thread.ofPlatform().name("vpn-socket-accept").daemon().start(this::acceptLoop);
  }

  private static String fileType(Path p) throws IOException {
    Object mode = Files.getAttribute(p, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return ((Integer) mode & 0170000) == 0140000 ? "socket" : "other";
  }

  private void acceptLoop() {
    while (!closed) {
      SocketChannel ch;
      try {
        ch = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warning("accept failed: " + e.getMessage());
        }
        return;
      }
      if (!slots.tryAcquire()) {
        LOG.warning("refused a connection: " + maxClients + " clients are connected already");
        try {
          ch.close();
        } catch (IOException e) {
          LOG.fine("close failed: " + e.getMessage());
        }
        continue;
      }
      Thread.ofVirtual()
          .name("vpn-client")
          .start(
              () -> {
                try {
                  admit(ch);
                } finally {
                  slots.release();
                }
              });
    }
  }

  @SuppressForbidden(
      reason = "jdk.net's SO_PEERCRED is the supported way to learn a Unix socket peer's identity")
  private void admit(SocketChannel ch) {
    try (ch) {
      UnixDomainPrincipal peer = ch.getOption(ExtendedSocketOptions.SO_PEERCRED);
      String user = peer.user().getName();
      String group = peer.group().getName();
      if (!policy.allows(user, group)) {
        LOG.warning("refused a connection from user " + user + " (group " + group + ")");
        return;
      }
      handler.serve(ch, user);
    } catch (IOException | RuntimeException e) {
      LOG.info("client connection ended: " + e.getMessage());
    }
  }

  /** Stops accepting and removes the socket file. */
  @Override
  public void close() throws IOException {
    closed = true;
    server.close();
    Files.deleteIfExists(path);
  }

  /** Reads the channel; see {@link ChannelStreams}. */
  public static java.io.InputStream in(SocketChannel ch) {
    return ChannelStreams.in(ch);
  }

  /** Writes the channel; see {@link ChannelStreams}. */
  public static java.io.OutputStream out(SocketChannel ch) {
    return ChannelStreams.out(ch);
  }
}
