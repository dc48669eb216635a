// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.wireguard.config;

import dev.coderdesktop.tunnel.crypto.Key;
import dev.coderdesktop.tunnel.crypto.KeyFormatException;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Field;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Reason;
import dev.coderdesktop.tunnel.wireguard.config.ConfigParseException.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One use: reads INI text line by line into a {@link Config}. Not thread-safe. */
final class ConfigParser {

  private static final Set<String> IGNORED =
      Set.of(
          "dns", "mtu", "table", "preup", "postup", "predown", "postdown", "saveconfig", "fwmark");

  private Section section = Section.NONE;
  private int line;
  private final Set<Field> seen = EnumSet.noneOf(Field.class);
  private boolean sawInterface;

  private Key privateKey;
  private int listenPort;
  private final List<IpPrefix> addresses = new ArrayList<>();
  private final List<PeerConfig> peers = new ArrayList<>();
  private final Set<Key> peerKeys = new HashSet<>();

  private Key publicKey;
  private Key presharedKey;
  private List<IpPrefix> allowedIps;
  private Endpoint endpoint;
  private Duration keepalive;
  private int peerLine;

  Config parse(String text) throws ConfigParseException {
    for (String raw : text.split("\r?\n", -1)) {
      line++;
      int hash = raw.indexOf('#');
      String s = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (s.isEmpty()) {
        continue;
      }
      if (s.startsWith("[")) {
        header(s);
        continue;
      }
      int eq = s.indexOf('=');
      if (eq <= 0) {
        throw error(Field.NONE, Reason.SYNTAX, s);
      }
      field(s.substring(0, eq).strip().toLowerCase(Locale.ROOT), s.substring(eq + 1).strip());
    }
    finishSection();
    if (!sawInterface || privateKey == null) {
      throw new ConfigParseException(Section.INTERFACE, Field.PRIVATE_KEY, Reason.MISSING, 0, null);
    }
    return new Config(privateKey, listenPort, addresses, peers);
  }

  private void header(String s) throws ConfigParseException {
    finishSection();
    String name = s.toLowerCase(Locale.ROOT);
    if (name.equals("[interface]")) {
      if (sawInterface) {
        throw error(Field.NONE, Reason.DUPLICATE_FIELD, s);
      }
      sawInterface = true;
      section = Section.INTERFACE;
    } else if (name.equals("[peer]")) {
      section = Section.PEER;
      peerLine = line;
      allowedIps = new ArrayList<>();
    } else {
      throw error(Field.NONE, Reason.UNKNOWN_SECTION, s);
    }
  }

  private void field(String key, String value) throws ConfigParseException {
    if (section == Section.NONE) {
      throw error(Field.NONE, Reason.FIELD_OUTSIDE_SECTION, key);
    }
    if (IGNORED.contains(key) && section == Section.INTERFACE) {
      return;
    }
    Field f = fieldOf(key);
    if (f == null) {
      throw error(Field.NONE, Reason.UNKNOWN_FIELD, key);
    }
    boolean repeatable = f == Field.ALLOWED_IPS || f == Field.ADDRESS;
    if (!seen.add(f) && !repeatable) {
      throw error(f, Reason.DUPLICATE_FIELD, value);
    }
    switch (f) {
      case PRIVATE_KEY -> privateKey = key(f, value, true);
      case LISTEN_PORT -> listenPort = number(f, value, 0);
      case ADDRESS -> addresses.addAll(prefixes(f, value));
      case PUBLIC_KEY -> publicKey = key(f, value, false);
      case PRESHARED_KEY -> presharedKey = key(f, value, true);
      case ALLOWED_IPS -> allowedIps.addAll(prefixes(f, value));
      case ENDPOINT -> endpoint = endpoint(value);
      case PERSISTENT_KEEPALIVE ->
          keepalive = Duration.ofSeconds(value.equalsIgnoreCase("off") ? 0 : number(f, value, 0));
      case NONE -> throw new AssertionError(f);
    }
  }

  private Field fieldOf(String key) {
    return switch (section) {
      case INTERFACE ->
          switch (key) {
            case "privatekey" -> Field.PRIVATE_KEY;
            case "listenport" -> Field.LISTEN_PORT;
            case "address" -> Field.ADDRESS;
            default -> null;
          };
      case PEER ->
          switch (key) {
            case "publickey" -> Field.PUBLIC_KEY;
            case "presharedkey" -> Field.PRESHARED_KEY;
            case "allowedips" -> Field.ALLOWED_IPS;
            case "endpoint" -> Field.ENDPOINT;
            case "persistentkeepalive" -> Field.PERSISTENT_KEEPALIVE;
            default -> null;
          };
      case NONE -> null;
    };
  }

  private void finishSection() throws ConfigParseException {
    if (section == Section.PEER) {
      if (publicKey == null) {
        throw new ConfigParseException(
            Section.PEER, Field.PUBLIC_KEY, Reason.MISSING, peerLine, null);
      }
      if (!peerKeys.add(publicKey)) {
        throw new ConfigParseException(
            Section.PEER, Field.PUBLIC_KEY, Reason.DUPLICATE_PEER, peerLine, publicKey.toBase64());
      }
      peers.add(new PeerConfig(publicKey, presharedKey, allowedIps, endpoint, keepalive));
      publicKey = null;
      presharedKey = null;
      endpoint = null;
      keepalive = null;
    }
    seen.clear();
  }

  private Key key(Field f, String value, boolean secret) throws ConfigParseException {
    try {
      return Key.fromBase64(value, secret);
    } catch (KeyFormatException e) {
      throw error(f, Reason.INVALID_KEY, value);
    }
  }

  private int number(Field f, String value, int min) throws ConfigParseException {
    if (value.isEmpty() || value.length() > 5 || !value.chars().allMatch(Character::isDigit)) {
      throw error(f, Reason.INVALID_NUMBER, value);
    }
    int n = Integer.parseInt(value);
    if (n < min || n > 65535) {
      throw error(f, Reason.INVALID_NUMBER, value);
    }
    return n;
  }

  private List<IpPrefix> prefixes(Field f, String value) throws ConfigParseException {
    List<IpPrefix> out = new ArrayList<>();
    if (value.isEmpty()) {
      return out;
    }
    for (String part : value.split(",", -1)) {
      try {
        out.add(IpPrefix.parse(part));
      } catch (IllegalArgumentException e) {
        throw error(f, Reason.INVALID_PREFIX, part.strip());
      }
    }
    return out;
  }

  private Endpoint endpoint(String value) throws ConfigParseException {
    try {
      return Endpoint.parse(value);
    } catch (IllegalArgumentException e) {
      throw error(Field.ENDPOINT, Reason.INVALID_ENDPOINT, value);
    }
  }

  private ConfigParseException error(Field f, Reason r, String text) {
    return new ConfigParseException(section, f, r, line, text);
  }
}
