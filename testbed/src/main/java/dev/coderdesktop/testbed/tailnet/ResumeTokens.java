// SPDX-FileCopyrightText: 2026 Coder Desktop for Java contributors
// SPDX-License-Identifier: AGPL-3.0-only
package dev.coderdesktop.testbed.tailnet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.coderdesktop.tunnel.control.proto.RefreshResumeTokenResponse;
import dev.coderdesktop.tunnel.time.Clock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Tailnet resume tokens as coderd issues them: a compact JWS signed with HMAC-SHA512 under a random
 * 64-byte key, whose subject is the peer id to resume and which expires after {@link #expiry()}
 * (clients are told to refresh at half of it). A token that is forged, altered, expired or not a
 * JWS at all verifies to nothing, and the endpoint answers 401 as coderd does.
 *
 * <p>Thread-safe and immutable after construction.
 */
public final class ResumeTokens {

  /** coderd's default lifetime. */
  public static final Duration DEFAULT_EXPIRY = Duration.ofHours(24);

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final String HEADER =
      B64.encodeToString("{\"alg\":\"HS512\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final byte[] key = new byte[64];
  private final Clock clock;
  private final Duration expiry;

  /** Tokens under a fresh random key, timed by {@code clock}'s wall time. */
  public ResumeTokens(Clock clock, Duration expiry) {
    new SecureRandom().nextBytes(key);
    this.clock = clock;
    this.expiry = expiry;
  }

  /** How long a token lives. */
  public Duration expiry() {
    return expiry;
  }

  /** A token for {@code peer}, with when to refresh it and when it expires, as coderd answers. */
  public RefreshResumeTokenResponse issue(UUID peer) {
    long exp = clock.wallTime().plus(expiry).getEpochSecond();
    return RefreshResumeTokenResponse.newBuilder()
        .setToken(token(peer, exp))
        .setRefreshIn(com.google.protobuf.Duration.newBuilder().setSeconds(expiry.toSeconds() / 2))
        .setExpiresAt(com.google.protobuf.Timestamp.newBuilder().setSeconds(exp))
        .build();
  }

  /** A token for {@code peer} expiring at {@code exp} (epoch seconds). */
  String token(UUID peer, long exp) {
    String claims =
        B64.encodeToString(
            ("{\"sub\":\"" + peer + "\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
    String signed = HEADER + "." + claims;
    return signed + "." + B64.encodeToString(mac(signed));
  }

  /** The peer a valid, unexpired token resumes; empty for anything else. */
  public Optional<UUID> verify(String token) {
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !parts[0].equals(HEADER)) {
      return Optional.empty();
    }
    try {
      byte[] sig = Base64.getUrlDecoder().decode(parts[2]);
      if (!MessageDigest.isEqual(sig, mac(parts[0] + "." + parts[1]))) {
        return Optional.empty();
      }
      JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
      long exp = claims.path("exp").asLong(0);
      if (clock.wallTime().getEpochSecond() >= exp) {
        return Optional.empty();
      }
      return Optional.of(UUID.fromString(claims.path("sub").asText("")));
    } catch (IllegalArgumentException | IOException e) {
      return Optional.empty();
    }
  }

  private byte[] mac(String signed) {
    try {
      Mac m = Mac.getInstance("HmacSHA512");
      m.init(new SecretKeySpec(key, "HmacSHA512"));
      return m.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA512 is part of every JDK", e);
    }
  }
}
