package io.firebreak.integration;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * The HTTP client of the REST adapters (Statuspage, Jira, Opsgenie, Google): timeouts, the credentials as default
 * headers, and one translation of error answers. 429 and Statuspage's 420 become {@link RateLimited} with the
 * Retry-After they sent; any other 4xx or 5xx becomes {@link OutsideCallFailed} naming the system, the call and the
 * vendor's own message, which is what Cockpit shows when the retries are used up.
 */
public final class OutsideHttp {

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  static final Duration READ_TIMEOUT = Duration.ofSeconds(20);
  /**
   * The longest one outside call takes before it fails, connecting included (the Slack client is held to it too).
   * With {@link RateLimits} it bounds how long a step runs, which must stay below the job executor's lock time
   * ({@code camunda.bpm.job-execution.lock-time-in-millis}, README).
   */
  public static final Duration CALL_LIMIT = CONNECT_TIMEOUT.plus(READ_TIMEOUT);
  private static final int ENHANCE_YOUR_CALM = 420;

  private OutsideHttp() {
  }

  public static RestClient client(RestClient.Builder builder, String system, String baseUrl,
                                  Consumer<HttpHeaders> credentials) {
    var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(CONNECT_TIMEOUT)
        .build());
    factory.setReadTimeout(READ_TIMEOUT);
    return builder.clone()
        .baseUrl(baseUrl)
        .requestFactory(factory)
        .defaultHeaders(credentials)
        .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> {
          throw failure(system, request, response);
        })
        .build();
  }

  static OutsideCallFailed failure(String system, HttpRequest request, ClientHttpResponse response) throws IOException {
    int status = response.getStatusCode().value();
    String call = request.getMethod() + " " + request.getURI().getPath();
    if (status == 429 || status == ENHANCE_YOUR_CALM) {
      return new RateLimited(system, call, status,
          RateLimited.retryAfter(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)));
    }
    String body;
    try (InputStream in = response.getBody()) {
      body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
    }
    String what = status == 401 || status == 403 ? " refused the credentials for " : " answered HTTP " + status + " to ";
    return new OutsideCallFailed(system + what + call + (status == 401 || status == 403 ? " (HTTP " + status + ")" : "")
        + ": " + OutsideCallFailed.excerpt(body), status);
  }
}
