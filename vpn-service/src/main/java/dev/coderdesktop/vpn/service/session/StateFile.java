// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.session;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.coderdesktop.vpn.proto.wire.StartRequest;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The session record on disk: {@code <dir>/session}, the last successful Start as a vpn.proto
 * {@code StartRequest} (URL, token, headers, DERP only), mode 0600 in a directory of mode 0700,
 * both owned by the service's user (root). Written to a temporary file and renamed over the old
 * one, so a crash leaves the old record or the new one, never half of one. Thread-safe.
 */
public final class StateFile implements SessionStore {

  private static final Logger LOG = Logger.getLogger(StateFile.class.getName());
  private static final int MAX_BYTES = 1 << 20;

  private final Path dir;
  private final Path file;

  /** A record in {@code dir}, which is created (mode 0700) when missing. */
  public StateFile(Path dir) throws IOException {
    this.dir = dir;
    this.file = dir.resolve("session");
    Files.createDirectories(
        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
  }

  @Override
  public synchronized void save(Session.StartParams params) throws IOException {
    StartRequest.Builder b =
        StartRequest.newBuilder()
            .setCoderUrl(params.url())
            .setApiToken(params.token())
            .setDisableDirectConnections(params.noDirect())
            .setAllowInsecureHttp(params.allowInsecureHttp());
    params
        .headers()
        .forEach((k, v) -> b.addHeaders(StartRequest.Header.newBuilder().setName(k).setValue(v)));
    Path tmp =
        Files.createTempFile(
            dir,
            ".session",
            ".tmp",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    try {
      Files.write(tmp, b.build().toByteArray());
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  @Override
  public synchronized Optional<Session.StartParams> load() {
    try {
      if (Files.size(file) > MAX_BYTES) {
        throw new IOException("larger than " + MAX_BYTES + " bytes");
      }
      StartRequest r = StartRequest.parseFrom(Files.readAllBytes(file));
      if (r.getCoderUrl().isBlank() || r.getApiToken().isBlank()) {
        throw new InvalidProtocolBufferException("no URL or token");
      }
      Map<String, String> headers = new LinkedHashMap<>();
      r.getHeadersList().forEach(h -> headers.put(h.getName(), h.getValue()));
      return Optional.of(
          new Session.StartParams(
              r.getCoderUrl(),
              r.getApiToken(),
              headers,
              r.getDisableDirectConnections(),
              r.getAllowInsecureHttp()));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      LOG.warning("dropping the unreadable session record " + file + ": " + e.getMessage());
      clear();
      return Optional.empty();
    }
  }

  @Override
  public synchronized void clear() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.warning("could not remove the session record " + file + ": " + e.getMessage());
    }
  }
}
