package io.firebreak.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HubSignatureTest {

  // GitHub's documented test values ("Validating webhook deliveries").
  private static final String SECRET = "It's a Secret to Everybody";
  private static final byte[] PAYLOAD = "Hello, World!".getBytes(StandardCharsets.UTF_8);
  private static final String SIGNATURE = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

  @Test
  void githubsTestVectorMatches() {
    assertThat(HubSignature.sign(SECRET, PAYLOAD)).isEqualTo(SIGNATURE);
    assertThat(HubSignature.matches(SECRET, PAYLOAD, SIGNATURE)).isTrue();
    assertThat(HubSignature.matches(SECRET, PAYLOAD, SIGNATURE.toUpperCase().replace("SHA256=", "sha256=")))
        .as("hex case does not matter").isTrue();
  }

  @Test
  void aWrongSecretBodyOrHeaderDoesNotMatch() {
    assertThat(HubSignature.matches("another secret", PAYLOAD, SIGNATURE)).isFalse();
    assertThat(HubSignature.matches(SECRET, "Hello, World?".getBytes(StandardCharsets.UTF_8), SIGNATURE)).isFalse();
    assertThat(HubSignature.matches(SECRET, PAYLOAD, SIGNATURE.substring(0, SIGNATURE.length() - 1))).isFalse();
    assertThat(HubSignature.matches(SECRET, PAYLOAD, SIGNATURE.replace("sha256=", "sha1="))).isFalse();
    assertThat(HubSignature.matches(SECRET, PAYLOAD, null)).isFalse();
    assertThat(HubSignature.matches("", PAYLOAD, SIGNATURE)).as("no secret configured, nothing matches").isFalse();
  }
}
