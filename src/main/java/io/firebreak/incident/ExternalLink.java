package io.firebreak.incident;

/** Where something of the incident lives in an outside tool: its id there and a link for people. */
public record ExternalLink(String id, String url) {
}
