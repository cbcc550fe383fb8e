package io.firebreak.integration.jira;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A small writer of Atlassian Document Format, the only description format REST v3 takes. */
final class Adf {

  private final ObjectNode doc;
  private final ArrayNode content;

  Adf(ObjectMapper json) {
    doc = json.createObjectNode().put("type", "doc").put("version", 1);
    content = doc.putArray("content");
  }

  Adf paragraph(String text) {
    if (text != null && !text.isBlank()) {
      ArrayNode inline = content.addObject().put("type", "paragraph").putArray("content");
      inline.addObject().put("type", "text").put("text", text);
    }
    return this;
  }

  /** A paragraph "label: link". */
  Adf link(String label, String title, String url) {
    ArrayNode inline = content.addObject().put("type", "paragraph").putArray("content");
    inline.addObject().put("type", "text").put("text", label + ": ");
    ObjectNode link = inline.addObject().put("type", "text").put("text", title);
    link.putArray("marks").addObject().put("type", "link").putObject("attrs").put("href", url);
    return this;
  }

  ObjectNode build() {
    return doc;
  }
}
