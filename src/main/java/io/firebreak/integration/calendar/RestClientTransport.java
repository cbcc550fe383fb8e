package io.firebreak.integration.calendar;

import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.LowLevelHttpRequest;
import com.google.api.client.http.LowLevelHttpResponse;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * Google's HTTP abstraction on one of our {@link io.firebreak.integration.OutsideHttp} clients, so google-auth-library
 * talks to the token endpoint with our connect and read timeouts (its own transport waits 20 s for each, per try) and
 * its error answers become the same {@code OutsideCallFailed} and {@code RateLimited} as every other call. Only what
 * the token request needs: a small body sent whole, the answer read whole.
 */
final class RestClientTransport extends HttpTransport {

  private final RestClient http;

  RestClientTransport(RestClient http) {
    this.http = http;
  }

  @Override
  protected LowLevelHttpRequest buildRequest(String method, String url) {
    return new Request(method, url);
  }

  private final class Request extends LowLevelHttpRequest {

    private final String method;
    private final String url;
    private final HttpHeaders headers = new HttpHeaders();

    Request(String method, String url) {
      this.method = method;
      this.url = url;
    }

    @Override
    public void addHeader(String name, String value) {
      headers.add(name, value);
    }

    @Override
    public LowLevelHttpResponse execute() throws IOException {
      if (getContentType() != null) {
        headers.set(HttpHeaders.CONTENT_TYPE, getContentType());
      }
      if (getContentEncoding() != null) {
        headers.set(HttpHeaders.CONTENT_ENCODING, getContentEncoding());
      }
      var request = http.method(HttpMethod.valueOf(method)).uri(URI.create(url))
          .headers(all -> all.addAll(headers));
      if (getStreamingContent() != null) {
        var body = new ByteArrayOutputStream();
        getStreamingContent().writeTo(body);
        request = request.body(body.toByteArray());
      }
      return new Response(request.retrieve().toEntity(byte[].class));
    }
  }

  private static final class Response extends LowLevelHttpResponse {

    private final ResponseEntity<byte[]> answer;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();

    Response(ResponseEntity<byte[]> answer) {
      this.answer = answer;
      answer.getHeaders().forEach((name, values) -> values.forEach(value -> headers.add(Map.entry(name, value))));
    }

    @Override
    public InputStream getContent() {
      return new ByteArrayInputStream(answer.getBody() == null ? new byte[0] : answer.getBody());
    }

    @Override
    public String getContentEncoding() {
      return answer.getHeaders().getFirst(HttpHeaders.CONTENT_ENCODING);
    }

    @Override
    public long getContentLength() {
      return answer.getBody() == null ? 0 : answer.getBody().length;
    }

    @Override
    public String getContentType() {
      return answer.getHeaders().getFirst(HttpHeaders.CONTENT_TYPE);
    }

    @Override
    public String getStatusLine() {
      return "HTTP/1.1 " + getStatusCode() + " " + getReasonPhrase();
    }

    @Override
    public int getStatusCode() {
      return answer.getStatusCode().value();
    }

    @Override
    public String getReasonPhrase() {
      return answer.getStatusCode() instanceof HttpStatus status ? status.getReasonPhrase() : "";
    }

    @Override
    public int getHeaderCount() {
      return headers.size();
    }

    @Override
    public String getHeaderName(int index) {
      return headers.get(index).getKey();
    }

    @Override
    public String getHeaderValue(int index) {
      return headers.get(index).getValue();
    }
  }
}
