package io.firebreak.alert;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reading webhook JSON field by field, with errors that name the field. */
final class Payloads {

  private Payloads() {
  }

  static JsonNode object(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isObject()) {
      throw new AlertPayloadException(field, "must be a JSON object");
    }
    return value;
  }

  static String requiredText(JsonNode node, String field, String path) {
    String text = text(node, field);
    if (text == null) {
      throw new AlertPayloadException(path, "is required");
    }
    return text;
  }

  static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    String text = value.asText().trim();
    return text.isEmpty() ? null : text;
  }

  static Map<String, String> strings(JsonNode node, String path) {
    Map<String, String> map = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return map;
    }
    if (!node.isObject()) {
      throw new AlertPayloadException(path, "must be a JSON object of strings");
    }
    node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    return map;
  }

  /** An ISO-8601 time; Alertmanager's "0001-01-01T00:00:00Z" means "not set". */
  static OffsetDateTime time(JsonNode node, String field, String path) {
    String text = text(node, field);
    if (text == null || text.startsWith("0001-01-01")) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new AlertPayloadException(path, "must be an ISO-8601 time, not '" + text + "'");
    }
  }

  static OffsetDateTime epochSeconds(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.canConvertToLong() ? null
        : Instant.ofEpochSecond(value.asLong()).atOffset(ZoneOffset.UTC);
  }

  static String firstNonNull(String... values) {
    for (String value : values) {
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    return null;
  }
}
