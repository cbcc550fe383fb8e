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

  private static final Instant EARLIEST = Instant.EPOCH;
  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

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
    String text = io.firebreak.config.Texts.withoutNul(value.asText()).trim();
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

  /** An ISO-8601 time between the years 1970 and 9999; Alertmanager's "0001-01-01T00:00:00Z" means "not set". */
  static OffsetDateTime time(JsonNode node, String field, String path) {
    String text = text(node, field);
    if (text == null || text.startsWith("0001-01-01")) {
      return null;
    }
    OffsetDateTime time;
    try {
      time = OffsetDateTime.parse(text);
    } catch (DateTimeParseException e) {
      throw new AlertPayloadException(path, "must be an ISO-8601 time, not '" + shown(text) + "'");
    }
    if (time.toInstant().isBefore(EARLIEST) || time.toInstant().isAfter(LATEST)) {
      throw new AlertPayloadException(path, "must be a time between 1970 and 9999, not '" + shown(text) + "'");
    }
    return time;
  }

  /** Seconds since 1970 (Pingdom), between the years 1970 and 9999; absent or null means "not set". */
  static OffsetDateTime epochSeconds(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() && !value.isTextual()) {
      throw new AlertPayloadException(field, "must be seconds since 1970");
    }
    double seconds;
    try {
      seconds = value.isNumber() ? value.asDouble() : Double.parseDouble(value.asText().trim());
    } catch (NumberFormatException e) {
      throw new AlertPayloadException(field, "must be seconds since 1970, not '" + shown(value.asText()) + "'");
    }
    if (!(seconds >= EARLIEST.getEpochSecond() && seconds <= LATEST.getEpochSecond())) {
      throw new AlertPayloadException(field, "must be seconds since 1970 up to the year 9999, not '"
          + shown(value.asText()) + "'");
    }
    return Instant.ofEpochSecond((long) seconds).atOffset(ZoneOffset.UTC);
  }

  /** A sender's value quoted in an error message, cut short: the answer never echoes a whole payload. */
  static String shown(String value) {
    String clean = io.firebreak.config.Texts.withoutNul(value);
    return clean.length() <= 80 ? clean : clean.substring(0, 79) + "…";
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
