package io.firebreak.integration.calendar;

import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import io.firebreak.integration.OutsideCallFailed;
import io.firebreak.integration.OutsideHttp;
import io.firebreak.integration.RateLimits;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.springframework.web.client.RestClient;

/**
 * OAuth access tokens for a Google service account acting as a user of the domain (domain-wide delegation), from
 * google-auth-library: it reads the JSON key file (once, at start), signs the JWT grant ({@code sub} = the mailbox)
 * and keeps the token until shortly before it expires. Its HTTP goes through our client ({@link RestClientTransport}):
 * our timeouts, our error messages, and a rate limit waits as for every other call. The library's own retries are off;
 * a failed token request fails the step, whose job is retried by its retry cycle.
 */
class ServiceAccountTokens {

  static final String SCOPE = "https://www.googleapis.com/auth/calendar.events";

  private final GoogleCredentials credentials;
  private final RateLimits rateLimits;

  ServiceAccountTokens(GoogleProperties properties, RestClient.Builder builder, RateLimits rateLimits) {
    ServiceAccountCredentials account;
    try (InputStream in = Files.newInputStream(Path.of(properties.credentialsFile()))) {
      account = ServiceAccountCredentials.fromStream(in);
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("cannot read the Google service account key file " + properties.credentialsFile()
          + " (FIREBREAK_GOOGLE_CREDENTIALS_FILE): " + e.getMessage(), e);
    }
    if (properties.tokenUrl() != null && !properties.tokenUrl().isBlank()) {
      account = account.toBuilder().setTokenServerUri(URI.create(properties.tokenUrl())).build();
    }
    URI tokenUrl = account.getTokenServerUri();
    var transport = new RestClientTransport(OutsideHttp.client(builder, "Google OAuth", tokenUrl.toString(), headers -> { }));
    this.credentials = account.toBuilder().setHttpTransportFactory(() -> transport).setDefaultRetriesEnabled(false).build()
        .createScoped(List.of(SCOPE))
        .createDelegated(properties.impersonate());
    this.rateLimits = rateLimits;
  }

  String token() {
    return rateLimits.call(() -> {
      try {
        credentials.refreshIfExpired();
      } catch (IOException e) {
        throw new OutsideCallFailed("Google OAuth gave no access token: " + e.getMessage(), e);
      }
      return credentials.getAccessToken().getTokenValue();
    });
  }
}
