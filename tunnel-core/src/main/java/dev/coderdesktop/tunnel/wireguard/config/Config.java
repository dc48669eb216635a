// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import dev.coderdesktop.tunnel.bind.Endpoint;
import dev.coderdesktop.tunnel.bind.UdpEndpoint;
import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.KeyFormatException;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Field;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Reason;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Section;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A WireGuard interface configuration: our private key, listen port, and peers. Immutable. Built
 * from the INI text {@code wg setconf} and wg-quick read, via {@link #parse}.
 *
 * @param privateKey our static private key
 * @param listenPort UDP port, 0 for any
 * @param addresses wg-quick's {@code Address} lines, informative only (the engine configures no OS)
 * @param peers the peers
 */
public record Config(
    Key privateKey, int listenPort, List<IpPrefix> addresses, List<PeerConfig> peers) {

  /** Validates and copies. */
  public Config {
    Objects.requireNonNull(privateKey, "privateKey");
    addresses = List.copyOf(addresses);
    peers = List.copyOf(peers);
  }

  /** Parses configuration text; never echoes key material in errors. */
  public static Config parse(String text) throws ConfigParseException {
    return new Parser().parse(text);
  }

  private static final class Parser {
    private Section section = Section.NONE;
    private Key privateKey;
    private int listenPort;
    private final List<IpPrefix> addresses = new ArrayList<>();
    private final List<PeerConfig> peers = new ArrayList<>();
    private final Set<Key> seen = new HashSet<>();
    private PeerBuilder peer;
    private int line;

    Config parse(String text) throws ConfigParseException {
      for (String raw : text.split("\r?\n", -1)) {
        line++;
        String l = raw.strip();
        int hash = l.indexOf('#');
        if (hash >= 0) {
          l = l.substring(0, hash).strip();
        }
        if (l.isEmpty()) {
          continue;
        }
        if (l.startsWith("[")) {
          header(l);
          continue;
        }
        int eq = l.indexOf('=');
        if (eq < 0) {
          throw new ConfigParseException(section, Field.UNKNOWN, Reason.SYNTAX, line, l);
        }
        field(
            l.substring(0, eq).strip().toLowerCase(java.util.Locale.ROOT),
            l.substring(eq + 1).strip());
      }
      finishPeer();
      if (privateKey == null) {
        throw new ConfigParseException(
            Section.INTERFACE, Field.PRIVATE_KEY, Reason.MISSING_FIELD, 0, null);
      }
      return new Config(privateKey, listenPort, addresses, peers);
    }

    private void header(String l) throws ConfigParseException {
      finishPeer();
      switch (l.toLowerCase(java.util.Locale.ROOT)) {
        case "[interface]" -> section = Section.INTERFACE;
        case "[peer]" -> {
          section = Section.PEER;
          peer = new PeerBuilder();
        }
        default ->
            throw new ConfigParseException(
                Section.NONE, Field.SECTION_HEADER, Reason.UNKNOWN_SECTION, line, l);
      }
    }

    private void field(String name, String value) throws ConfigParseException {
      if (section == Section.INTERFACE) {
        switch (name) {
          case "privatekey" -> privateKey = key(value, true, Field.PRIVATE_KEY);
          case "listenport" -> listenPort = number(value, 0, 65535, Field.LISTEN_PORT);
          case "address" -> {
            for (String p : value.split(",")) {
              addresses.add(prefix(p, Field.ADDRESS));
            }
          }
          case "dns",
              "mtu",
              "table",
              "preup",
              "postup",
              "predown",
              "postdown",
              "saveconfig",
              "fwmark" -> {
            // wg-quick settings: the engine configures no operating system, so they are ignored.
          }
          default -> throw unknown(name);
        }
      } else if (section == Section.PEER) {
        switch (name) {
          case "publickey" -> peer.publicKey = key(value, false, Field.PUBLIC_KEY);
          case "presharedkey" -> peer.psk = key(value, true, Field.PRESHARED_KEY);
          case "allowedips" -> {
            for (String p : value.split(",")) {
              if (!p.isBlank()) {
                peer.allowed.add(prefix(p, Field.ALLOWED_IPS));
              }
            }
          }
          case "endpoint" -> peer.endpoint = endpoint(value);
          case "persistentkeepalive" ->
              peer.keepalive =
                  Duration.ofSeconds(
                      value.equalsIgnoreCase("off")
                          ? 0
                          : number(value, 0, 65535, Field.PERSISTENT_KEEPALIVE));
          default -> throw unknown(name);
        }
      } else {
        throw new ConfigParseException(section, Field.UNKNOWN, Reason.SYNTAX, line, name);
      }
    }

    private ConfigParseException unknown(String name) {
      return new ConfigParseException(section, Field.UNKNOWN, Reason.UNKNOWN_FIELD, line, name);
    }

    private void finishPeer() throws ConfigParseException {
      if (peer == null) {
        return;
      }
      if (peer.publicKey == null) {
        throw new ConfigParseException(
            Section.PEER, Field.PUBLIC_KEY, Reason.MISSING_FIELD, line, null);
      }
      if (!seen.add(peer.publicKey)) {
        throw new ConfigParseException(
            Section.PEER, Field.PUBLIC_KEY, Reason.DUPLICATE_PEER, line, peer.publicKey.toBase64());
      }
      peers.add(
          new PeerConfig(peer.publicKey, peer.psk, peer.allowed, peer.endpoint, peer.keepalive));
      peer = null;
    }

    private Key key(String value, boolean secret, Field f) throws ConfigParseException {
      try {
        return Key.fromBase64(value, secret);
      } catch (KeyFormatException e) {
        throw new ConfigParseException(section, f, Reason.INVALID_KEY, line, secret ? null : value);
      }
    }

    private int number(String value, int min, int max, Field f) throws ConfigParseException {
      try {
        int n = Integer.parseInt(value);
        if (n < min || n > max) {
          throw new NumberFormatException();
        }
        return n;
      } catch (NumberFormatException e) {
        throw new ConfigParseException(section, f, Reason.INVALID_NUMBER, line, value);
      }
    }

    private IpPrefix prefix(String value, Field f) throws ConfigParseException {
      try {
        return IpPrefix.parse(value);
      } catch (IllegalArgumentException e) {
        throw new ConfigParseException(section, f, Reason.INVALID_VALUE, line, value.strip());
      }
    }

    private Endpoint endpoint(String value) throws ConfigParseException {
      try {
        String host;
        String port;
        if (value.startsWith("[")) {
          int close = value.indexOf("]:");
          host = value.substring(1, close);
          port = value.substring(close + 2);
        } else {
          int colon = value.lastIndexOf(':');
          host = value.substring(0, colon);
          port = value.substring(colon + 1);
        }
        int p = Integer.parseInt(port);
        if (p < 1 || p > 65535) {
          throw new IllegalArgumentException();
        }
        return new UdpEndpoint(new InetSocketAddress(IpPrefix.parseLiteral(host), p));
      } catch (RuntimeException e) {
        throw new ConfigParseException(section, Field.ENDPOINT, Reason.INVALID_VALUE, line, value);
      }
    }
  }

  private static final class PeerBuilder {
    Key publicKey;
    Key psk;
    final List<IpPrefix> allowed = new ArrayList<>();
    Endpoint endpoint;
    Duration keepalive = Duration.ZERO;
  }
}
