// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The public suffix list, as the Java runtime ships it ({@code
 * lib/security/public_suffix_list.dat}: a zip with one entry per top-level domain holding that
 * domain's rules). Only explicit rules count: the list's implicit "every unknown top-level label is
 * public" rule would refuse Coder's own default {@code coder}. Only the entry of the top-level
 * domain asked about is read (once): reading all of them, over ten thousand rules, was a visible
 * part of signing in, and so of bringing the VPN back after a restart. Thread-safe.
 */
final class PublicSuffixes {

  private static final Logger LOG = Logger.getLogger(PublicSuffixes.class.getName());

  /** Used when the runtime lacks the list: the suffixes people most often mistype as their own. */
  private static final Set<String> FALLBACK =
      Set.of("com", "net", "org", "io", "dev", "app", "co", "cloud", "local", "internal", "uk");

  private static final Path LIST =
      Path.of(System.getProperty("java.home"), "lib", "security", "public_suffix_list.dat");

  /** Rules by top-level domain; empty for a domain the list does not delegate. */
  private static final Map<String, Optional<Set<String>>> RULES = new ConcurrentHashMap<>();

  private PublicSuffixes() {}

  /** Whether {@code domain} (lower case, no trailing dot) is itself a public suffix. */
  static boolean isPublicSuffix(String domain) {
    String tld = domain.substring(domain.lastIndexOf('.') + 1);
    Optional<Set<String>> found;
    try {
      found = rulesFor(tld);
    } catch (IOException e) {
      LOG.warning(
          "cannot read the runtime's public suffix list ("
              + e.getMessage()
              + "); checking suffixes against a few");
      return FALLBACK.contains(domain);
    }
    if (found.isEmpty()) {
      return false; // not a delegated top-level domain: private, like "coder"
    }
    Set<String> tldRules = found.get();
    if (domain.equals(tld)) {
      return true;
    }
    if (tldRules.contains(domain) && !tldRules.contains("!" + domain)) {
      return true;
    }
    // A wildcard rule "*.parent" makes every child of parent public, except "!" exceptions.
    int dot = domain.indexOf('.');
    return tldRules.contains("*." + domain.substring(dot + 1)) && !tldRules.contains("!" + domain);
  }

  private static Optional<Set<String>> rulesFor(String tld) throws IOException {
    Optional<Set<String>> known = RULES.get(tld);
    if (known != null) {
      return known;
    }
    if (!Files.isReadable(LIST)) {
      throw new IOException("the Java runtime has no " + LIST.getFileName());
    }
    Optional<Set<String>> read;
    try (ZipFile zip = new ZipFile(LIST.toFile())) {
      ZipEntry e = zip.getEntry(tld);
      if (e == null) {
        read = Optional.empty();
      } else {
        Set<String> rules = new HashSet<>();
        try (InputStream in = zip.getInputStream(e)) {
          for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
            // Each rule starts with a byte saying which part of the list it is from.
            String r = line.replaceAll("\\p{Cntrl}", "").strip().toLowerCase(Locale.ROOT);
            if (!r.isEmpty() && !r.startsWith("//")) {
              rules.add(r);
            }
          }
        }
        read = Optional.of(Set.copyOf(rules));
      }
    }
    RULES.putIfAbsent(tld, read);
    return read;
  }
}
