// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.ipc;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.invoke.MethodHandle;
import java.util.HashSet;
import java.util.Set;

/**
 * A group's listed members (its supplementary members; users whose primary group it is are not
 * listed) from the system's group database, whatever NSS serves it from, through libc's {@code
 * getgrnam_r}. Stateless and thread-safe.
 */
final class GroupDatabase {

  private static final int ERANGE = 34;
  private static final long FIRST_BUFFER = 16 * 1024;
  private static final long MAX_BUFFER = 4 * 1024 * 1024;

  /** {@code struct group} on 64-bit Linux. */
  private static final StructLayout GROUP =
      MemoryLayout.structLayout(
          ADDRESS.withName("gr_name"),
          ADDRESS.withName("gr_passwd"),
          JAVA_INT.withName("gr_gid"),
          MemoryLayout.paddingLayout(4),
          ADDRESS.withName("gr_mem"));

  private static final long GR_MEM =
      GROUP.byteOffset(MemoryLayout.PathElement.groupElement("gr_mem"));

  private static final MethodHandle GETGRNAM_R =
      Linker.nativeLinker()
          .downcallHandle(
              Linker.nativeLinker().defaultLookup().find("getgrnam_r").orElseThrow(),
              FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS));

  private GroupDatabase() {}

  /** The members listed for {@code group}; empty when there is no such group. */
  static Set<String> members(String group) throws IOException {
    for (long size = FIRST_BUFFER; size <= MAX_BUFFER; size *= 2) {
      try (Arena arena = Arena.ofConfined()) {
        MemorySegment grp = arena.allocate(GROUP);
        MemorySegment buf = arena.allocate(size);
        MemorySegment result = arena.allocate(ADDRESS);
        int rc = call(arena.allocateFrom(group), grp, buf, size, result);
        if (rc == ERANGE) {
          continue;
        }
        if (rc != 0) {
          throw new IOException("looking up group " + group + " failed (errno " + rc + ")");
        }
        if (result.get(ADDRESS, 0).equals(MemorySegment.NULL)) {
          return Set.of();
        }
        // gr_mem is a NULL-terminated array of C strings, all inside buf.
        MemorySegment mem = grp.get(ADDRESS, GR_MEM).reinterpret(size);
        Set<String> members = new HashSet<>();
        for (long i = 0; ; i += ADDRESS.byteSize()) {
          MemorySegment name = mem.get(ADDRESS, i);
          if (name.equals(MemorySegment.NULL)) {
            return Set.copyOf(members);
          }
          members.add(name.reinterpret(size).getString(0));
        }
      }
    }
    throw new IOException("group " + group + " has too many members to look up");
  }

  private static int call(
      MemorySegment name, MemorySegment grp, MemorySegment buf, long size, MemorySegment result)
      throws IOException {
    try {
      return (int) GETGRNAM_R.invokeExact(name, grp, buf, size, result);
    } catch (Throwable t) {
      throw new IOException("getgrnam_r failed", t);
    }
  }
}
