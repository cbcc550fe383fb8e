package io.firebreak.postmortem;

import static org.assertj.core.api.Assertions.assertThat;

import io.firebreak.postmortem.PostmortemArchive.PublishedPostmortem;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostmortemIndexTest {

  private static PublishedPostmortem published(String key, String title, String at) {
    return new PublishedPostmortem(key, title, "SEV2", OffsetDateTime.parse(at), null);
  }

  @Test
  void theIndexListsThePostmortemsNewestFirstWithTheirDateSeverityAndFile() {
    String page = PostmortemIndex.markdown(List.of(
        published("INC-3", "Uploads fail", "2026-11-02T10:00:00Z"),
        published("INC-9", "Login slow", "2026-11-20T23:30:00-05:00"),
        published("INC-5", "Search down", "2026-11-02T10:00:00Z")));

    assertThat(page).startsWith("# Postmortems\n");
    assertThat(page.lines().filter(line -> line.startsWith("- ")).toList()).containsExactly(
        "- 2026-11-21 · SEV2 · [INC-9: Login slow](INC-9.md)",
        "- 2026-11-02 · SEV2 · [INC-5: Search down](INC-5.md)",
        "- 2026-11-02 · SEV2 · [INC-3: Uploads fail](INC-3.md)");
  }

  @Test
  void aTitleIsTextNotMarkdownNorALinkNorHtml() {
    String page = PostmortemIndex.markdown(List.of(published("INC-4",
        "[click](https://evil.example) <script>alert(1)</script> *bold*\nnext line", "2026-11-02T10:00:00Z")));

    assertThat(page).contains("[INC-4: \\[click\\]\\(https://evil\\.example\\) \\<script\\>alert\\(1\\)\\</script\\> "
        + "\\*bold\\* next line](INC-4.md)");
  }

  @Test
  void anEmptyArchiveSaysSoAndTheSiteReadsThePostmortemDirectory() {
    assertThat(PostmortemIndex.markdown(List.of())).contains("No postmortem is published yet.");
    assertThat(PostmortemIndex.siteConfig("postmortems")).contains("site_name: Postmortems", "docs_dir: postmortems");
  }
}
