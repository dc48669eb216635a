// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The public suffix list, as the Java runtime ships it ({@code
 * lib/security/public_suffix_list.dat}: a zip with one entry per top-level domain holding that
 * domain's rules). Only explicit rules count: the list's implicit "every unknown top-level label is
 * public" rule would refuse Coder's own default {@code coder}. Loaded once, lazily; thread-safe.
 */
final class PublicSuffixes {

  private static final Logger LOG = Logger.getLogger(PublicSuffixes.class.getName());

  /** Used when the runtime lacks the list: the suffixes people most often mistype as their own. */
  private static final Set<String> FALLBACK =
      Set.of("com", "net", "org", "io", "dev", "app", "co", "cloud", "local", "internal", "uk");

  private PublicSuffixes() {}

  private static final class Holder {
    static final Map<String, Set<String>> RULES = load();
  }

  /** Whether {@code domain} (lower case, no trailing dot) is itself a public suffix. */
  static boolean isPublicSuffix(String domain) {
    Map<String, Set<String>> rules = Holder.RULES;
    String tld = domain.substring(domain.lastIndexOf('.') + 1);
    if (rules == null) {
      return FALLBACK.contains(domain);
    }
    Set<String> tldRules = rules.get(tld);
    if (tldRules == null) {
      return false; // not a delegated top-level domain: private, like "coder"
    }
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

  private static Map<String, Set<String>> load() {
    Path file =
        Path.of(System.getProperty("java.home"), "lib", "security", "public_suffix_list.dat");
    if (!Files.isReadable(file)) {
      LOG.warning("the Java runtime has no public suffix list; checking suffixes against a few");
      return null;
    }
    Map<String, Set<String>> out = new HashMap<>();
    try (ZipFile zip = new ZipFile(file.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
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
        out.put(e.getName().toLowerCase(Locale.ROOT), rules);
      }
    } catch (IOException e) {
      LOG.warning("cannot read the runtime's public suffix list: " + e.getMessage());
      return null;
    }
    return out;
  }
}
