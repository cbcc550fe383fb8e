package io.firebreak.integration.slack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The app manifest an admin creates Firebreak's Slack app from ({@code slack/manifest.yml}) says what the code
 * serves: the Request URLs, the callback ids, and every scope the adapters' calls need.
 */
class SlackManifestTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> manifest() throws IOException {
    try (InputStream in = SlackManifestTest.class.getResourceAsStream("/slack/manifest.yml")) {
      assertThat(in).as("slack/manifest.yml on the class path").isNotNull();
      return new Yaml().load(in);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Map<String, Object> map, String... path) {
    Object node = map;
    for (String key : path) {
      node = ((Map<String, Object>) node).get(key);
    }
    return (T) node;
  }

  @Test
  void theRequestUrlsAreTheEndpointsFirebreakServes() throws IOException {
    Map<String, Object> manifest = manifest();
    List<Map<String, Object>> commands = at(manifest, "features", "slash_commands");

    assertThat(commands).singleElement().satisfies(command -> {
      assertThat(command.get("command")).isEqualTo("/incident");
      assertThat(URI.create((String) command.get("url")).getPath()).isEqualTo("/api/slack/commands");
      assertThat(command.get("should_escape")).as("mentions arrive as <@U…|name>, which role cm reads").isEqualTo(true);
    });
    assertThat(at(manifest, "settings", "interactivity", "is_enabled").equals(Boolean.TRUE)).isTrue();
    assertThat(URI.create(at(manifest, "settings", "interactivity", "request_url")).getPath())
        .isEqualTo("/api/slack/interactions");
  }

  @Test
  void theShortcutsCallBackWithTheIdsFirebreakKnows() throws IOException {
    List<Map<String, Object>> shortcuts = at(manifest(), "features", "shortcuts");

    assertThat(shortcuts).extracting(s -> s.get("type") + ":" + s.get("callback_id") + ":" + s.get("name"))
        .containsExactlyInAnyOrder("message:" + SlackControl.ADD_TO_TIMELINE + ":Add to timeline",
            "global:" + SlackControl.DECLARE_VIEW + ":Declare an incident");
  }

  @Test
  void theBotScopesAreTheOnesTheAdaptersDocumentPlusCommands() throws IOException {
    List<String> scopes = at(manifest(), "oauth_config", "scopes", "bot");
    // SlackChatOps names the scopes its calls need in its class comment.
    String documented;
    try (InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of(
        "src/main/java/io/firebreak/integration/slack/SlackChatOps.java"))) {
      documented = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    Matcher line = Pattern.compile("Bot scopes: \\{@code ([^}]+)}").matcher(documented);
    assertThat(line.find()).isTrue();

    assertThat(scopes).containsAll(List.of(line.group(1).split(" "))).contains("commands", "chat:write")
        .doesNotHaveDuplicates();
  }
}
