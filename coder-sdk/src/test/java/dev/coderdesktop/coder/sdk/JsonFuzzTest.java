// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.coder.sdk;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.coderdesktop.coder.sdk.workspace.WorkspaceJson;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Mutated REST bodies (build info, the user, the agent connection info with its DERP map, the
 * workspace listing, error bodies) through decoding and everything callers read from the values.
 * Decoding may only fail with a JsonProcessingException (which the client reports as "not a Coder
 * server"); decoded values never hold the nulls callers would trip on. Inputs: {@code
 * fuzz.iterations} (100 000 by default).
 */
@Timeout(300)
class JsonFuzzTest {

  private static final int ITERATIONS = Integer.getInteger("fuzz.iterations", 100_000);

  private static final String BUILD =
      "{\"version\":\"v2.24.1+abc\",\"dashboard_url\":\"https://c\"}";
  private static final String USER =
      "{\"id\":\"4d1ff5b6-3d6f-4e4c-9c2b-39f7e1a1b2c3\",\"username\":\"alice\",\"email\":\"a@b\"}";

  private static String connection(int regions) {
    StringBuilder b = new StringBuilder("{\"derp_map\":{\"Regions\":{");
    for (int r = 1; r <= regions; r++) {
      b.append(r > 1 ? "," : "")
          .append('"')
          .append(r)
          .append("\":{\"RegionID\":")
          .append(r)
          .append(",\"RegionCode\":\"r")
          .append(r)
          .append("\",\"RegionName\":\"Region ")
          .append(r)
          .append("\",\"EmbeddedRelay\":false,\"Nodes\":[{\"Name\":\"")
          .append(r)
          .append("a\",\"RegionID\":")
          .append(r)
          .append(",\"HostName\":\"derp")
          .append(r)
          .append(".example.com\",\"IPv4\":\"\",\"IPv6\":\"\",\"DERPPort\":443,\"STUNPort\":3478,")
          .append("\"STUNOnly\":false,\"ForceHTTP\":false}]}");
    }
    return b.append("}},\"derp_force_websockets\":false,\"hostname_suffix\":\"coder\"}").toString();
  }

  private static String workspaces(int n) {
    StringBuilder b = new StringBuilder("{\"workspaces\":[");
    for (int i = 0; i < n; i++) {
      b.append(i > 0 ? "," : "")
          .append("{\"id\":\"00000000-0000-0000-0000-")
          .append(String.format(java.util.Locale.ROOT, "%012d", i))
          .append("\",\"name\":\"ws")
          .append(i)
          .append("\",\"owner_name\":\"alice\",\"latest_build\":{\"id\":\"00000000-0000-0000-0002-")
          .append(String.format(java.util.Locale.ROOT, "%012d", i))
          .append("\",\"status\":\"running\",")
          .append("\"resources\":[{\"agents\":[{\"id\":\"00000000-0000-0000-0001-")
          .append(String.format(java.util.Locale.ROOT, "%012d", i))
          .append("\",\"name\":\"main\",\"status\":\"connected\"}]}]}}");
    }
    return b.append("],\"count\":").append(n).append('}').toString();
  }

  private static final Class<?>[] TYPES = {
    Values.BuildInfo.class,
    Values.User.class,
    Values.AgentConnectionInfo.class,
    WorkspaceJson.WorkspacesResponse.class,
    Values.ErrorBody.class
  };

  private static final String SPECIAL = "{}[]\",:0n-e. ";

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);

  /** {@code b} with {@code cut} bytes at {@code at} replaced by {@code insert}. */
  private static byte[] splice(byte[] b, int at, int cut, byte[] insert) {
    ByteBuffer out = ByteBuffer.allocate(b.length - cut + insert.length);
    return out.put(b, 0, at).put(insert).put(b, at + cut, b.length - at - cut).array();
  }

  private static byte[] mutate(Random r, byte[] seed) {
    byte[] b = seed.clone();
    for (int n = 1 + r.nextInt(3); n > 0 && b.length > 0; n--) {
      int at = r.nextInt(b.length);
      switch (r.nextInt(5)) {
        case 0 -> b[at] = (byte) SPECIAL.charAt(r.nextInt(SPECIAL.length()));
        case 1 -> b[at] = (byte) r.nextInt(128);
        case 2 -> b = Arrays.copyOf(b, at);
        // Replace a value with null: the shape a broken server or proxy sends.
        case 3 -> b = splice(b, at, Math.min(b.length - at, 1 + r.nextInt(12)), NULL);
        default -> b = splice(b, at, 1, new byte[0]);
      }
    }
    return b;
  }

  @Test
  @DisplayName("mutated REST bodies decode to values callers can read, or are rejected")
  void bodies() {
    Random r = new Random(Long.getLong("fuzz.seed", 0x150_4e55L));
    String[] seeds = {BUILD, USER, connection(3), workspaces(3), "{\"message\":\"no\"}", "null"};
    // Real sizes: a DERP map of 40 regions, a listing of 200 workspaces, one time in 200.
    String[] big = {connection(40), workspaces(200)};
    int decoded = 0;
    for (int i = 0; i < ITERATIONS; i++) {
      int which;
      byte[] input;
      if (r.nextInt(200) == 0) {
        which = 2 + r.nextInt(2);
        input = mutate(r, big[which - 2].getBytes(StandardCharsets.UTF_8));
      } else {
        which = r.nextInt(seeds.length);
        input = mutate(r, seeds[which].getBytes(StandardCharsets.UTF_8));
      }
      Class<?> type = TYPES[r.nextInt(10) == 0 ? r.nextInt(TYPES.length) : which % TYPES.length];
      String text = new String(input, StandardCharsets.UTF_8);
      try {
        read(CoderClient.decode(text, type));
        decoded++;
      } catch (JsonProcessingException expected) {
        // Reported as "did not answer like a Coder server".
      } catch (RuntimeException e) {
        fail("input " + i + " as " + type.getSimpleName() + " threw " + e + ": " + text, e);
      }
    }
    assertTrue(decoded > ITERATIONS / 20, "enough mutations still decode: " + decoded);
  }

  /** Reads what the client and the service read from each value. */
  private static void read(Object v) {
    switch (v) {
      case Values.BuildInfo b -> {
        try {
          ServerVersion.parse(b.version()).isSupported();
        } catch (IllegalArgumentException expected) {
          // Reported as an unreadable version.
        }
      }
      case Values.User u -> u.id().toString().concat(u.username());
      case Values.AgentConnectionInfo c -> {
        c.hostnameSuffix().length();
        c.derpMap()
            .regions()
            .values()
            .forEach(reg -> reg.nodes().forEach(n -> Boolean.valueOf(n.stunOnly())));
      }
      case WorkspaceJson.WorkspacesResponse w ->
          w.workspaces().forEach(ws -> ws.agents().forEach(a -> String.valueOf(a.name())));
      default -> {}
    }
  }
}
