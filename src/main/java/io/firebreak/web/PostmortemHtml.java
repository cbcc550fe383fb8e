package io.firebreak.web;

import java.util.List;
import org.commonmark.Extension;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * A postmortem's Markdown as HTML for its page (commonmark-java, with GitHub's tables). Raw HTML in the Markdown is
 * escaped and shows as text, and links and images keep only safe schemes, so a postmortem cannot put script on the
 * page.
 */
@Component
class PostmortemHtml {

  private static final List<Extension> EXTENSIONS = List.of(TablesExtension.create());

  private final Parser parser = Parser.builder().extensions(EXTENSIONS).build();
  private final HtmlRenderer renderer = HtmlRenderer.builder().extensions(EXTENSIONS)
      .escapeHtml(true).sanitizeUrls(true).build();

  String render(String markdown) {
    return renderer.render(parser.parse(markdown == null ? "" : markdown));
  }
}
