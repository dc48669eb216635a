// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.vpn.service.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every resolver setup against a fake system: a temporary root with its own etc/resolv.conf and run
 * directories, and a command runner that records commands and answers from a table.
 */
class SystemResolverTest {

  private static final InetAddress SHIM = address("fd60:627a:a42b::53");
  private static final String PLAIN =
      "# my resolvers\nnameserver 10.9.8.7\nnameserver 2001:db8::1\n"
          + "search corp.example lab.example\noptions ndots:2 edns0\n";

  @TempDir Path root;
  private Path resolvConf;
  private Path state;
  private final List<List<String>> ran = new ArrayList<>();
  private final List<String> stdin = new ArrayList<>();
  private Map<String, String> answers = Map.of();

  private static InetAddress address(String s) {
    try {
      return InetAddress.getByName(s);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @BeforeEach
  void setUp() throws IOException {
    Files.createDirectories(root.resolve("etc"));
    Files.createDirectories(root.resolve("run/systemd/resolve"));
    resolvConf = root.resolve("etc/resolv.conf");
    state = root.resolve("state");
  }

  private boolean shared;

  private SystemResolver resolver() {
    return SystemResolver.forPaths(
        (cmd, in) -> {
          ran.add(cmd);
          stdin.add(in);
          String key = String.join(" ", cmd);
          for (var e : answers.entrySet()) {
            if (key.startsWith(e.getKey())) {
              if (e.getValue().startsWith("!")) {
                throw new IOException(e.getValue().substring(1));
              }
              return e.getValue();
            }
          }
          return "";
        },
        root,
        state,
        () -> shared);
  }

  private void write(Path p, String s) throws IOException {
    Files.createDirectories(p.getParent());
    Files.writeString(p, s, StandardCharsets.UTF_8);
  }

  @Nested
  @DisplayName("a plain resolv.conf (direct)")
  class Direct {

    @Test
    @DisplayName("names only the shim, keeps search and options, and forwards to the old servers")
    void apply() throws Exception {
      write(resolvConf, PLAIN);
      SystemResolver.Applied a = resolver().configure("coder0", SHIM, "coder");
      assertEquals(ResolverMode.DIRECT, a.mode());
      assertEquals(
          List.of(
              new InetSocketAddress(address("10.9.8.7"), 53),
              new InetSocketAddress(address("2001:db8::1"), 53)),
          a.upstreams());
      ResolvConf now = ResolvConf.parse(Files.readAllBytes(resolvConf));
      assertTrue(now.ours());
      assertEquals(List.of("fd60:627a:a42b::53"), now.nameservers());
      assertEquals(
          List.of("search corp.example lab.example", "options ndots:2 edns0"), now.settings());
      assertTrue(a.detail().contains("10.9.8.7"), a.detail());
      assertTrue(ran.isEmpty(), "no commands for a plain file");
    }

    @Test
    @DisplayName("Stop puts the original back byte for byte, permissions too")
    void revert() throws Exception {
      byte[] original = (PLAIN + "\n\n# trailing comment, no newline").getBytes(UTF8);
      Files.write(resolvConf, original);
      Files.setPosixFilePermissions(
          resolvConf, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
      SystemResolver r = resolver();
      r.configure("coder0", SHIM, "coder");
      r.revert();
      assertArrayEquals(original, Files.readAllBytes(resolvConf));
      assertEquals(
          "rw-r-----",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(resolvConf)));
      assertFalse(Files.exists(state.resolve("resolv.conf.original")));
      assertFalse(Files.exists(state.resolve("resolver-setup")));
    }

    @Test
    @DisplayName("after a crash, the next start repairs the file from the saved copy")
    void crashRepair() throws Exception {
      Files.writeString(resolvConf, PLAIN);
      resolver().configure("coder0", SHIM, "coder");
      // The process dies here: a new one starts with the same state directory.
      assertEquals(Optional.of(ResolverMode.DIRECT), resolver().repair());
      assertEquals(PLAIN, Files.readString(resolvConf));
      assertEquals(Optional.empty(), resolver().repair(), "nothing left to repair");
    }

    @Test
    @DisplayName("a file someone rewrote while we ran is left alone; the copy is dropped")
    void rewrittenMeanwhile() throws Exception {
      Files.writeString(resolvConf, PLAIN);
      SystemResolver r = resolver();
      r.configure("coder0", SHIM, "coder");
      Files.writeString(resolvConf, "nameserver 192.0.2.1\n");
      r.revert();
      assertEquals("nameserver 192.0.2.1\n", Files.readString(resolvConf));
      assertFalse(Files.exists(state.resolve("resolv.conf.original")));
    }

    @Test
    @DisplayName("a file that is a mount point (rename refused) is written in place")
    void inPlace() throws Exception {
      Files.writeString(resolvConf, PLAIN);
      ResolvConfFile.writeInPlace(resolvConf, "nameserver 1.2.3.4\n".getBytes(UTF8));
      assertEquals("nameserver 1.2.3.4\n", Files.readString(resolvConf));
    }
  }

  private static final java.nio.charset.Charset UTF8 = StandardCharsets.UTF_8;

  @Test
  @DisplayName("systemd-resolved's stub: link DNS, a routing-only domain, no default route")
  void resolved() throws Exception {
    write(root.resolve("run/systemd/resolve/stub-resolv.conf"), "nameserver 127.0.0.53\n");
    Files.createSymbolicLink(resolvConf, root.resolve("run/systemd/resolve/stub-resolv.conf"));
    SystemResolver r = resolver();
    SystemResolver.Applied a = r.configure("coder0", SHIM, "coder");
    assertEquals(ResolverMode.SYSTEMD_RESOLVED, a.mode());
    assertTrue(a.upstreams().isEmpty());
    r.revert();
    assertEquals(
        List.of(
            List.of("resolvectl", "dns", "coder0", "fd60:627a:a42b::53"),
            List.of("resolvectl", "domain", "coder0", "~coder"),
            List.of("resolvectl", "default-route", "coder0", "false"),
            List.of("resolvectl", "revert", "coder0")),
        ran);
  }

  @Test
  @DisplayName("resolved's file while resolved is stopped: a message saying to start it")
  void resolvedStopped() throws Exception {
    Files.delete(root.resolve("run/systemd/resolve"));
    write(
        resolvConf,
        "# This is /run/systemd/resolve/stub-resolv.conf managed by man:systemd-resolved(8).\n"
            + "nameserver 127.0.0.53\n");
    var e =
        assertThrows(
            SystemResolver.UnavailableException.class,
            () -> resolver().configure("coder0", SHIM, "coder"));
    assertTrue(e.getMessage().contains("systemctl enable --now systemd-resolved"), e.getMessage());
    assertTrue(e.getMessage().contains("server=/coder/fd60:627a:a42b::53"), e.getMessage());
  }

  @Test
  @DisplayName("NetworkManager with dnsmasq: a dnsmasq.d line for the suffix, removed on Stop")
  void networkManagerDnsmasq() throws Exception {
    write(resolvConf, "# Generated by NetworkManager\nnameserver 127.0.0.1\n");
    answers = Map.of("busctl get-property", "s \"dnsmasq\"\n");
    SystemResolver r = resolver();
    SystemResolver.Applied a = r.configure("coder0", SHIM, "coder");
    assertEquals(ResolverMode.NETWORK_MANAGER_DNSMASQ, a.mode());
    Path conf = root.resolve("etc/NetworkManager/dnsmasq.d/zz-coder-desktop.conf");
    assertTrue(Files.readString(conf).contains("server=/coder/fd60:627a:a42b::53\n"));
    assertEquals(List.of("nmcli", "general", "reload", "dns-full"), ran.get(ran.size() - 1));
    r.revert();
    assertFalse(Files.exists(conf));
    assertEquals(List.of("nmcli", "general", "reload", "dns-full"), ran.get(ran.size() - 1));
  }

  @Test
  @DisplayName("NetworkManager writing resolv.conf: a global DNS section naming the shim")
  void networkManagerDefault() throws Exception {
    Files.createDirectories(root.resolve("run/NetworkManager"));
    write(
        root.resolve("run/NetworkManager/resolv.conf"), "# Generated by NetworkManager\n" + PLAIN);
    Files.createSymbolicLink(resolvConf, root.resolve("run/NetworkManager/resolv.conf"));
    answers = Map.of("busctl get-property", "s \"default\"\n");
    SystemResolver r = resolver();
    SystemResolver.Applied a = r.configure("coder0", SHIM, "coder");
    assertEquals(ResolverMode.NETWORK_MANAGER, a.mode());
    assertEquals(2, a.upstreams().size());
    String conf = Files.readString(root.resolve("etc/NetworkManager/conf.d/zz-coder-desktop.conf"));
    assertTrue(conf.contains("searches=corp.example,lab.example\n"), conf);
    assertTrue(conf.contains("options=ndots:2,edns0\n"), conf);
    assertTrue(conf.contains("[global-dns-domain-*]\nservers=fd60:627a:a42b::53\n"), conf);
    // Crash, then the next start undoes it.
    assertEquals(Optional.of(ResolverMode.NETWORK_MANAGER), resolver().repair());
    assertFalse(Files.exists(root.resolve("etc/NetworkManager/conf.d/zz-coder-desktop.conf")));
    assertEquals(List.of("nmcli", "general", "reload", "conf,dns-rc"), ran.get(ran.size() - 1));
  }

  @Test
  @DisplayName("Debian's resolvconf: a tun.* record naming the shim, first in its order")
  void debianResolvconf() throws Exception {
    write(
        root.resolve("run/resolvconf/resolv.conf"),
        "# Dynamic resolv.conf(5) file for glibc resolver(3) generated by resolvconf(8)\n"
            + "nameserver 10.1.1.1\n");
    Files.createSymbolicLink(resolvConf, root.resolve("run/resolvconf/resolv.conf"));
    answers = Map.of("resolvconf --version", "!resolvconf: Error: Command not recognized");
    SystemResolver r = resolver();
    SystemResolver.Applied a = r.configure("coder0", SHIM, "coder");
    assertEquals(ResolverMode.RESOLVCONF, a.mode());
    assertEquals(List.of(new InetSocketAddress(address("10.1.1.1"), 53)), a.upstreams());
    assertEquals(List.of("resolvconf", "-a", "tun.coder-desktop"), ran.get(1));
    assertEquals("nameserver fd60:627a:a42b::53\n", stdin.get(1));
    r.revert();
    assertEquals(List.of("resolvconf", "-d", "tun.coder-desktop"), ran.get(2));
  }

  @Test
  @DisplayName("openresolv: an exclusive record for the link")
  void openresolv() throws Exception {
    write(resolvConf, "# Generated by resolvconf\nnameserver 10.1.1.1\n");
    answers = Map.of("resolvconf --version", "openresolv 3.12.0\n");
    SystemResolver r = resolver();
    assertEquals(ResolverMode.OPENRESOLV, r.configure("coder0", SHIM, "coder").mode());
    assertEquals(List.of("resolvconf", "-x", "-a", "coder0"), ran.get(1));
    r.revert();
    assertEquals(List.of("resolvconf", "-f", "-d", "coder0"), ran.get(2));
  }

  @Test
  @DisplayName("a link to a file no known manager writes: nothing touched, a message what to do")
  void unknownLink() throws Exception {
    write(root.resolve("elsewhere/resolv.conf"), "nameserver 10.0.0.1\n");
    Files.createSymbolicLink(resolvConf, root.resolve("elsewhere/resolv.conf"));
    var e =
        assertThrows(
            SystemResolver.UnavailableException.class,
            () -> resolver().configure("coder0", SHIM, "coder"));
    assertTrue(e.getMessage().contains("none of systemd-resolved"), e.getMessage());
    assertTrue(e.getMessage().contains("make /etc/resolv.conf a plain file"), e.getMessage());
    assertEquals("nameserver 10.0.0.1\n", Files.readString(resolvConf));
    assertFalse(Files.exists(state.resolve("resolver-setup")));
  }

  @Test
  @DisplayName("in a namespace of its own with the system's resolv.conf: nothing is touched")
  void sharedFile() throws Exception {
    write(resolvConf, PLAIN);
    shared = true;
    var e =
        assertThrows(
            SystemResolver.UnavailableException.class,
            () -> resolver().configure("coder0", SHIM, "coder"));
    assertTrue(e.getMessage().contains("/etc/netns/NAME/resolv.conf"), e.getMessage());
    assertEquals(PLAIN, Files.readString(resolvConf));
    assertTrue(ran.isEmpty());
  }

  @Test
  @DisplayName("a failing tool is reported with the hint, and the record is dropped")
  void toolFails() throws Exception {
    write(resolvConf, "# Generated by resolvconf\nnameserver 10.1.1.1\n");
    answers =
        Map.of(
            "resolvconf --version", "openresolv 3.12.0\n", "resolvconf -x", "!permission denied");
    var e =
        assertThrows(
            SystemResolver.UnavailableException.class,
            () -> resolver().configure("coder0", SHIM, "corp"));
    assertTrue(e.getMessage().contains("openresolv: permission denied"), e.getMessage());
    assertTrue(e.getMessage().contains("server=/corp/fd60:627a:a42b::53"), e.getMessage());
  }
}
