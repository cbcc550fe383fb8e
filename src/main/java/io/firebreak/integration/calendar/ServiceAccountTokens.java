package io.firebreak.integration.calendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.OutsideHttp;
import io.firebreak.integration.RateLimits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.web.client.RestClient;

/**
 * OAuth access tokens for a Google service account acting as a user of the domain (domain-wide delegation): a JWT
 * signed with the account's key (RS256, {@code sub} = the mailbox) exchanged at the token endpoint, kept until a
 * minute before it expires. The key is read from the JSON key file once, at start.
 */
class ServiceAccountTokens {

  static final String SCOPE = "https://www.googleapis.com/auth/calendar.events";
  private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

  private final String clientEmail;
  private final PrivateKey key;
  private final String tokenUrl;
  private final String subject;
  private final RestClient http;
  private final RateLimits rateLimits;
  private final ObjectMapper json;
  private String token;
  private Instant expires = Instant.MIN;

  ServiceAccountTokens(GoogleProperties properties, RestClient.Builder builder, RateLimits rateLimits,
                       ObjectMapper json) {
    JsonNode credentials;
    try {
      credentials = json.readTree(Files.readString(Path.of(properties.credentialsFile())));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the Google service account key file " + properties.credentialsFile()
          + " (FIREBREAK_GOOGLE_CREDENTIALS_FILE): " + e.getMessage(), e);
    }
    this.clientEmail = required(credentials, "client_email");
    this.key = privateKey(required(credentials, "private_key"));
    this.tokenUrl = properties.tokenUrl() != null && !properties.tokenUrl().isBlank() ? properties.tokenUrl()
        : credentials.path("token_uri").asText("https://oauth2.googleapis.com/token");
    this.subject = properties.impersonate();
    this.http = OutsideHttp.client(builder, "Google OAuth", tokenUrl, headers -> { });
    this.rateLimits = rateLimits;
    this.json = json;
  }

  synchronized String token() {
    Instant now = Instant.now();
    if (token == null || now.isAfter(expires.minusSeconds(60))) {
      var form = new LinkedMultiValueMap<String, String>();
      form.add("grant_type", JWT_BEARER);
      form.add("assertion", assertion(now));
      JsonNode answer = rateLimits.call(() -> http.post().contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form)
          .retrieve().body(JsonNode.class));
      token = answer.path("access_token").asText(null);
      if (token == null) {
        throw new OutsideCallFailed("Google OAuth answered without an access token");
      }
      expires = now.plusSeconds(answer.path("expires_in").asLong(3600));
    }
    return token;
  }

  String assertion(Instant now) {
    try {
      String header = encode(Map.of("alg", "RS256", "typ", "JWT"));
      String claims = encode(Map.of("iss", clientEmail, "sub", subject, "scope", SCOPE, "aud", tokenUrl,
          "iat", now.getEpochSecond(), "exp", now.getEpochSecond() + 3600));
      Signature rsa = Signature.getInstance("SHA256withRSA");
      rsa.initSign(key);
      rsa.update((header + "." + claims).getBytes(StandardCharsets.US_ASCII));
      return header + "." + claims + "." + URL.encodeToString(rsa.sign());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot sign the Google token request: " + e.getMessage(), e);
    }
  }

  private String encode(Map<String, Object> value) throws IOException {
    return URL.encodeToString(json.writeValueAsBytes(value));
  }

  private static String required(JsonNode credentials, String field) {
    String value = credentials.path(field).asText(null);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("the Google service account key file has no " + field);
    }
    return value;
  }

  private static PrivateKey privateKey(String pem) {
    String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    try {
      return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("the Google service account key file holds no PKCS#8 RSA private key", e);
    }
  }
}
