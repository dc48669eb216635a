// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * tunnel-core exports its API and nothing more: every exported package is imported by a module it
 * is exported to, and the server half of the protocols (the DERP relay, the standalone WireGuard
 * tool) stays out of the engine: the testbed owns it.
 */
class ModuleExportsTest {

  private static final Pattern MODULE_NAME =
      Pattern.compile("(?m)^\\s*(?:open\\s+)?module\\s+([\\w.]+)");

  @Test
  @DisplayName("every exported package is used by the modules it is exported to")
  void exportsAreUsed() throws IOException {
    ModuleDescriptor self = descriptor();
    Map<String, List<String>> sourcesByModule = otherModulesSources();
    List<String> unused = new ArrayList<>();
    for (ModuleDescriptor.Exports e : self.exports()) {
      Pattern use = Pattern.compile(Pattern.quote(e.source()) + "\\.[A-Z]");
      if (e.isQualified()) {
        for (String target : e.targets()) {
          List<String> sources = sourcesByModule.getOrDefault(target, List.of());
          if (sources.stream().noneMatch(s -> use.matcher(s).find())) {
            unused.add(e.source() + " (to " + target + ")");
          }
        }
      } else if (sourcesByModule.values().stream()
          .flatMap(List::stream)
          .noneMatch(s -> use.matcher(s).find())) {
        unused.add(e.source());
      }
    }
    assertEquals(
        List.of(), unused, "tunnel-core exports packages no other module imports: drop them");
  }

  @Test
  @DisplayName("no DERP relay server or standalone WireGuard tool inside the engine")
  void noServerSide() throws IOException {
    for (String p : descriptor().packages()) {
      assertTrue(
          !p.endsWith(".derp.server") && !p.contains(".standalone"),
          p + " belongs in the testbed (the one server side), not in tunnel-core");
    }
  }

  private static ModuleDescriptor descriptor() throws IOException {
    Path classes;
    try {
      classes = Path.of(Clock.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
      return ModuleDescriptor.read(in);
    }
  }

  /** The Java sources (main and test) of every other module, by module name. */
  private static Map<String, List<String>> otherModulesSources() throws IOException {
    Path root = Path.of("").toAbsolutePath();
    while (!Files.exists(root.resolve("mvnw"))) {
      root = root.getParent();
    }
    Map<String, List<String>> out = new HashMap<>();
    try (Stream<Path> infos =
        Files.find(root, 6, (p, a) -> p.endsWith("src/main/java/module-info.java"))) {
      for (Path info : infos.toList()) {
        Matcher m = MODULE_NAME.matcher(Files.readString(info, StandardCharsets.UTF_8));
        if (!m.find() || m.group(1).equals("dev.coderdesktop.tunnel")) {
          continue;
        }
        Path src = info.getParent().getParent().getParent();
        try (Stream<Path> files = Files.walk(src)) {
          out.put(
              m.group(1),
              files
                  .filter(f -> f.toString().endsWith(".java"))
                  .map(ModuleExportsTest::read)
                  .toList());
        }
      }
    }
    assertTrue(out.size() >= 2, "found no other modules under " + root);
    return out;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
