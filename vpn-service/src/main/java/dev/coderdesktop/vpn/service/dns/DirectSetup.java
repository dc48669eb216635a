// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.logging.Logger;

/**
 * A plain /etc/resolv.conf that no manager owns: its exact bytes are saved in the state directory,
 * then it is rewritten to name only the shim (keeping search domains and options), and the shim
 * forwards every other name to the servers it named. {@link #revert} puts the saved bytes back if
 * the file is still ours; if someone rewrote it meanwhile, theirs stays and the copy is dropped.
 */
final class DirectSetup implements ResolverSetup {

  private static final Logger LOG = Logger.getLogger(DirectSetup.class.getName());

  private final Path resolvConf;
  private final Path backup;

  DirectSetup(Path resolvConf, Path backup) {
    this.resolvConf = resolvConf;
    this.backup = backup;
  }

  @Override
  public List<InetSocketAddress> apply(String link, InetAddress shim, String suffix)
      throws IOException {
    byte[] original = Files.readAllBytes(resolvConf);
    ResolvConf conf = ResolvConf.parse(original);
    if (conf.ours()) {
      throw new IOException(resolvConf + " is still CoderVPN's from an earlier run");
    }
    ResolvConfFile.writeDurably(backup, original);
    ResolvConfFile.replace(resolvConf, conf.pointedAt(shim, backup.toString()));
    return conf.upstreams(shim);
  }

  @Override
  public void revert(String link) throws IOException {
    if (!Files.exists(backup)) {
      return;
    }
    byte[] original = Files.readAllBytes(backup);
    if (Files.exists(resolvConf) && ResolvConf.read(resolvConf).ours()) {
      ResolvConfFile.replace(resolvConf, original);
    } else {
      LOG.warning(
          resolvConf + " was changed by something else while CoderVPN ran; leaving it as it is");
    }
    Files.delete(backup);
  }
}
