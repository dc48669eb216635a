// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The AOT training run of {@code coder-desktop} (scripts/aot-train.sh): several command lines in
 * one JVM, so that the cache holds both ways a command line is read, {@link PlainCommand}'s and
 * picocli's, and what the commands after them load. Arguments: command lines separated by a lone
 * {@code ;}. Exits with the first non-zero exit code, after running them all.
 */
public final class AotTraining {

  private AotTraining() {}

  /** Entry point. */
  public static void main(String[] args) {
    CliLogging.configure();
    Terminal t = Terminal.system();
    int exit = 0;
    List<String> line = new ArrayList<>();
    for (String a : Arrays.copyOf(args, args.length + 1)) {
      if (a != null && !a.equals(";")) {
        line.add(a);
        continue;
      }
      int code = CoderDesktopCli.run(t, line.toArray(String[]::new));
      t.out().flush();
      exit = exit == 0 ? code : exit;
      line.clear();
    }
    System.exit(exit);
  }
}
