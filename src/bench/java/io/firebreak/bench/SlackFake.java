package io.firebreak.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Slack's Web API on loopback (WireMock), answering what Firebreak's Slack adapter calls when it opens an incident's
 * channel. Its request journal says when {@code conversations.create} arrived for which incident: the channel name
 * is {@code inc-<n>-<slug>}.
 */
final class SlackFake implements AutoCloseable {

  private static final Pattern CHANNEL = Pattern.compile("(?:^|&)name=inc-(\\d+)");

  private final WireMockServer server;

  SlackFake(int port) {
    server = new WireMockServer(options().bindAddress("127.0.0.1").port(port).containerThreads(40)
        .asynchronousResponseEnabled(true).asynchronousResponseThreads(20));
    server.start();
    json(any(anyUrl()), "{\"ok\":true}");
    json(post("/api/auth.test"), "{\"ok\":true,\"url\":\"https://bench.slack.example/\",\"team\":\"bench\"}");
    json(post("/api/conversations.create"),
        "{\"ok\":true,\"channel\":{\"id\":\"C{{randomValue length=10 type='ALPHANUMERIC' uppercase=true}}\","
            + "\"name\":\"bench\"}}");
    json(post("/api/users.lookupByEmail"),
        "{\"ok\":true,\"user\":{\"id\":\"U{{randomValue length=8 type='ALPHANUMERIC' uppercase=true}}\"}}");
    json(post("/api/chat.postMessage"),
        "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"{{now epoch=true}}.000100\"}");
  }

  private void json(com.github.tomakehurst.wiremock.client.MappingBuilder request, String body) {
    server.stubFor(request.willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
        .withBody(body).withTransformers("response-template")));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port() + "/api/";
  }

  /** Incident key → when the first conversations.create for it arrived (epoch ms). */
  Map<String, Long> channelsCreated() {
    Map<String, Long> created = new HashMap<>();
    for (var request : server.findAll(postRequestedFor(urlEqualTo("/api/conversations.create")))) {
      String body = URLDecoder.decode(request.getBodyAsString(), StandardCharsets.UTF_8);
      Matcher name = CHANNEL.matcher(body);
      if (name.find()) {
        created.merge("INC-" + name.group(1).toUpperCase(Locale.ROOT), request.getLoggedDate().getTime(), Math::min);
      }
    }
    return created;
  }

  @Override
  public void close() {
    server.stop();
  }
}
