package io.firebreak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Real HTTP on loopback against the running application, as a monitoring system or Tasklist would call it. */
public final class Http {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final java.util.Map<String, String> headers;

  private Http(String baseUrl, java.util.Map<String, String> headers) {
    this.baseUrl = baseUrl;
    this.headers = headers;
  }

  public static Http to(int port) {
    return new Http("http://127.0.0.1:" + port, java.util.Map.of());
  }

  public Http header(String name, String value) {
    var copy = new java.util.LinkedHashMap<>(headers);
    copy.put(name, value);
    return new Http(baseUrl, copy);
  }

  public Http bearer(String token) {
    return header("Authorization", "Bearer " + token);
  }

  public Http as(String user, String password) {
    String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return header("Authorization", "Basic " + token);
  }

  /** A demo user: the password is the user id. */
  public Http as(String user) {
    return as(user, user);
  }

  public Response get(String path) {
    return send(request(path).GET());
  }

  public Response post(String path, String contentType, String body) {
    return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** A body without a Content-Type header, as a careless script sends it. */
  public Response postWithoutContentType(String path, String body) {
    return send(request(path).POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** Without Content-Length (chunked), as a source that streams its body does. */
  public Response postJsonStreamed(String path, String json) {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    return send(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(bytes))));
  }

  /** A page, as a browser asks for it. */
  public Response getPage(String path) {
    return send(request(path).setHeader("Accept", "text/html").GET());
  }

  /** A page's form, as a browser posts it. */
  public Response postForm(String path, String form) {
    return send(request(path).setHeader("Accept", "text/html")
        .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  public Response postJson(String path, String json) {
    return post(path, "application/json", json);
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Accept", "application/json");
    headers.forEach(builder::setHeader);
    return builder;
  }

  private static Response send(HttpRequest.Builder request) {
    try {
      HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Status, headers and body of one answer. */
  public record Response(int status, java.net.http.HttpHeaders headers, String body) {

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new AssertionError("not JSON (" + status + "): " + body, e);
      }
    }

    public String header(String name) {
      return headers.firstValue(name).orElse(null);
    }
  }
}
