package io.firebreak.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What Tasklist's form-js needs of a form in forms/ before it renders one at all. */
class FormsTest {

  /** The schema version of the form-js bundled with Camunda 7.24's Tasklist. */
  static final int TASKLIST_SCHEMA_VERSION = 16;

  static Stream<Path> forms() throws IOException {
    return Files.list(Path.of("forms")).filter(p -> p.toString().endsWith(".form")).sorted();
  }

  @ParameterizedTest
  @MethodSource("forms")
  void isNamedByItsIdAndReadableByTasklist(Path form) throws IOException {
    JsonNode json = new ObjectMapper().readTree(form.toFile());
    assertThat(form.getFileName().toString()).isEqualTo(json.get("id").asText() + ".form");
    assertThat(json.get("schemaVersion").asInt()).isLessThanOrEqualTo(TASKLIST_SCHEMA_VERSION);
    assertThat(json.get("executionPlatform").asText()).isEqualTo("Camunda Platform");
  }

  @ParameterizedTest
  @MethodSource("forms")
  void bindsEveryKeyAndIdOnce(Path form) throws IOException {
    List<String> keys = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (JsonNode component : components(new ObjectMapper().readTree(form.toFile()), "")) {
      ids.add(component.get("id").asText());
      if (component.has("key")) {
        keys.add(component.get("bindingPath").asText());
      }
    }
    // form-js refuses a form whose key is bound twice ("binding path is already claimed").
    assertThat(new HashSet<>(keys)).as("keys of " + form).hasSameSizeAs(keys);
    assertThat(new HashSet<>(ids)).as("ids of " + form).hasSameSizeAs(ids);
  }

  @ParameterizedTest
  @MethodSource("forms")
  void labelsEveryInputAndTakesDynamicValuesOnlyFromThePeopleList(Path form) throws IOException {
    for (JsonNode component : components(new ObjectMapper().readTree(form.toFile()), "")) {
      if (component.has("key")) {
        String label = component.has("dateLabel") ? component.path("dateLabel").asText() : component.path("label").asText();
        assertThat(label).as("label of " + component.get("key")).isNotBlank();
      }
      if (component.has("valuesKey")) {
        assertThat(component.get("valuesKey").asText()).isEqualTo("people");
      }
    }
  }

  /** Every component, also those inside groups and dynamic lists, each with the path its key binds to. */
  static List<JsonNode> components(JsonNode container, String prefix) {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode component : container.path("components")) {
      var copy = ((com.fasterxml.jackson.databind.node.ObjectNode) component.deepCopy());
      if (component.has("key")) {
        copy.put("bindingPath", prefix + component.get("key").asText());
      }
      all.add(copy);
      String path = component.has("path") ? prefix + component.get("path").asText() + "[]." : prefix;
      all.addAll(components(component, path));
    }
    return all;
  }
}
