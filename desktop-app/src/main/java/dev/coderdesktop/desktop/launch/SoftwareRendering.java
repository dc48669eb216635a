// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.desktop.launch;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Keeps GTK from loading the system's OpenGL driver when JavaFX draws in software.
 *
 * <p>The tray's options ask for JavaFX's software renderer ({@code prism.order=sw}): its few small
 * windows do not need a GPU, and the OpenGL pipeline maps the driver into the process for as long
 * as it runs (Mesa's llvmpipe with LLVM, over 50 MB resident, on a machine without one). Yet GDK 3
 * on X11 opens OpenGL anyway when it starts, to choose its visuals, unless the environment variable
 * {@code GDK_GL} says {@code disable}. GDK reads that variable once, while GTK starts, so {@link
 * #beforeToolkit} puts it into the process's own environment and {@link #afterToolkit} takes it out
 * again: programs the app starts later (a browser, a terminal, an editor) must not inherit it. A
 * {@code GDK_GL} the user set, or a renderer other than the software one, is left alone.
 */
public final class SoftwareRendering {

  private static final Logger LOG = Logger.getLogger(SoftwareRendering.class.getName());

  /** GDK's switch for its own use of OpenGL. */
  static final String VARIABLE = "GDK_GL";

  private static volatile boolean setByUs;

  private SoftwareRendering() {}

  /** Call before JavaFX starts: sets {@code GDK_GL=disable} if JavaFX will draw in software. */
  public static void beforeToolkit() {
    beforeToolkit(System.getProperty("prism.order"));
  }

  /**
   * Sets {@code GDK_GL=disable} when {@code prismOrder} is exactly the software renderer and the
   * variable is not set already; returns whether it did.
   */
  static boolean beforeToolkit(String prismOrder) {
    if (!"sw".equals(prismOrder)) {
      return false;
    }
    try {
      if (Libc.get(VARIABLE).isPresent()) {
        return false;
      }
      Libc.set(VARIABLE, "disable");
      setByUs = true;
      return true;
    } catch (Throwable e) {
      // Only memory is at stake: never keep the app from starting over it.
      LOG.log(Level.FINE, "could not set " + VARIABLE, e);
      return false;
    }
  }

  /**
   * Call once GTK has started (on the JavaFX thread, which is GTK's): removes the variable if
   * {@link #beforeToolkit} set it.
   *
   * <p>{@code unsetenv} is not safe against a {@code getenv} on another thread at the same instant.
   * GTK's own reads happen on this thread, and the JVM's threads read their environment at start;
   * the alternative, leaving the variable to every program the app, JavaFX or the tray library
   * starts, seemed the larger risk.
   */
  public static void afterToolkit() {
    if (!setByUs) {
      return;
    }
    try {
      Libc.unset(VARIABLE);
      setByUs = false;
    } catch (Throwable e) {
      LOG.log(Level.FINE, "could not unset " + VARIABLE, e);
    }
  }

  /**
   * The C library's environment, which GTK reads; {@link System#getenv} is a copy made when the JVM
   * started and does not see changes.
   */
  static final class Libc {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle GETENV =
        handle("getenv", FunctionDescriptor.of(ValueLayout.ADDRESS, ValueLayout.ADDRESS));
    private static final MethodHandle SETENV =
        handle(
            "setenv",
            FunctionDescriptor.of(
                ValueLayout.JAVA_INT,
                ValueLayout.ADDRESS,
                ValueLayout.ADDRESS,
                ValueLayout.JAVA_INT));
    private static final MethodHandle UNSETENV =
        handle("unsetenv", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));

    private Libc() {}

    private static MethodHandle handle(String name, FunctionDescriptor d) {
      return LINKER.downcallHandle(LINKER.defaultLookup().find(name).orElseThrow(), d);
    }

    static Optional<String> get(String name) throws Throwable {
      try (Arena a = Arena.ofConfined()) {
        MemorySegment p = (MemorySegment) GETENV.invokeExact(a.allocateFrom(name));
        return p.equals(MemorySegment.NULL)
            ? Optional.empty()
            : Optional.of(p.reinterpret(Long.MAX_VALUE).getString(0));
      }
    }

    static void set(String name, String value) throws Throwable {
      try (Arena a = Arena.ofConfined()) {
        int rc = (int) SETENV.invokeExact(a.allocateFrom(name), a.allocateFrom(value), 1);
        if (rc != 0) {
          throw new IllegalStateException("setenv(" + name + ") failed");
        }
      }
    }

    static void unset(String name) throws Throwable {
      try (Arena a = Arena.ofConfined()) {
        int rc = (int) UNSETENV.invokeExact(a.allocateFrom(name));
        if (rc != 0) {
          throw new IllegalStateException("unsetenv(" + name + ") failed");
        }
      }
    }
  }
}
