package io.firebreak.integration;

import io.firebreak.incident.Incident;
import java.text.Normalizer;
import java.util.Locale;

/** The name of an incident's chat channel: {@code inc-<n>-<slug of the title>}, at most 80 characters. */
public final class ChannelNames {

  private static final int MAX_LENGTH = 80;

  private ChannelNames() {
  }

  public static String of(Incident incident) {
    String prefix = incident.key().toLowerCase(Locale.ROOT);
    String slug = Normalizer.normalize(incident.title(), Normalizer.Form.NFKD)
        .replaceAll("\\p{M}", "")
        .toLowerCase(Locale.ROOT)
        .replaceAll("[^a-z0-9]+", "-")
        .replaceAll("(^-+|-+$)", "");
    String name = slug.isEmpty() ? prefix : prefix + "-" + slug;
    return name.length() <= MAX_LENGTH ? name : name.substring(0, MAX_LENGTH).replaceAll("-+$", "");
  }
}
