// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.tunnel.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.coderdesktop.tunnel.tun.offload.GroCoalescer;
import dev.coderdesktop.tunnel.tun.offload.GsoSplitter;
import dev.coderdesktop.tunnel.tun.offload.OffloadException;
import dev.coderdesktop.tunnel.tun.offload.VirtioNetHeader;
import java.util.HexFormat;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Mutated reads from an offloading TUN device (virtio-net header and packet) through the header
 * parser and the splitter, and the split packets through the coalescer: every input ends in packets
 * that fit their buffers or in an {@link OffloadException}, nothing else.
 */
class VirtioNetHeaderFuzzTest {

  private static byte[] seed(String hdr, String headers, int payload) {
    byte[] h = HexFormat.of().parseHex(hdr + headers);
    byte[] out = java.util.Arrays.copyOf(h, h.length + payload);
    for (int i = h.length; i < out.length; i++) {
      out[i] = (byte) (i * 7);
    }
    return out;
  }

  @Test
  @DisplayName("mutated offloaded reads split into fitting packets or fail with OffloadException")
  void splitter() throws Exception {
    byte[][] seeds = {
      seed(
          "01013400e8031400" + "1000",
          "45000a00123440004006000a0a4d00020a4d0001"
              + "9c40145101020304"
              + "0a0b0c0d809801f500000000"
              + "0101080a0000000100000002",
          2500),
      seed(
          "01044800e8032800" + "1000",
          "6000000009e40640fd770000000000000000000000000002fd770000000000000000000000000001"
              + "9c40145101020304"
              + "0a0b0c0d809801f500000000"
              + "0101080a0000000100000002",
          2500),
      seed(
          "01051c00e8031400" + "0600",
          "45000a00123440004011000a0a4d00020a4d0001" + "9c40145109cc0000",
          2500),
      seed(
          "0100000000001400" + "0600",
          "450000401234400040110000" + "0a4d00020a4d0001" + "9c40145100140000",
          12),
    };
    Mutator m = new Mutator(0x76697274L);
    byte[][] outs = new byte[64][16 + 1500];
    int[] sizes = new int[64];
    GroCoalescer gro = new GroCoalescer(64);
    long packets = 0;
    long refused = 0;
    for (int i = 0; i < Mutator.iterations(); i++) {
      byte[] in = m.mutate(seeds[m.random().nextInt(seeds.length)]);
      try {
        if (in.length < VirtioNetHeader.SIZE) {
          continue;
        }
        VirtioNetHeader h = VirtioNetHeader.parse(in, 0);
        int n =
            GsoSplitter.split(
                h, in, VirtioNetHeader.SIZE, in.length - VirtioNetHeader.SIZE, outs, 16, sizes);
        assertTrue(n >= 1 && n <= outs.length);
        for (int k = 0; k < n; k++) {
          assertTrue(sizes[k] > 0 && 16 + sizes[k] <= outs[k].length);
        }
        packets += n;
        gro.write(
            outs,
            16,
            sizes,
            n,
            (b, off, len) -> assertTrue(len >= VirtioNetHeader.SIZE && len <= off + b.length));
      } catch (OffloadException e) {
        refused++;
      } catch (RuntimeException e) {
        fail("input " + HexFormat.of().formatHex(in) + " threw " + e, e);
      }
    }
    assertTrue(packets > Mutator.iterations(), "most mutated reads still split: " + packets);
    assertTrue(refused > 0, "some mutated reads are refused");
  }
}
