package io.firebreak.web;

import io.firebreak.incident.IncidentReaders;
import io.firebreak.incident.IncidentRepository;
import io.firebreak.postmortem.ActionItems;
import io.firebreak.postmortem.PostmortemArchive;
import io.firebreak.postmortem.PostmortemNotFoundException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /postmortems} and {@code /postmortems/{key}}: the archive of published postmortems, newest first, searchable. */
@Controller
class PostmortemPages extends Pages {

  static final String ARCHIVE = "postmortems";
  static final String ONE = "postmortem";
  static final int ARCHIVE_LIMIT = 200;
  /** As the API's {@code q}. */
  static final int QUERY_LIMIT = 200;

  private final PostmortemArchive archive;
  private final ActionItems actionItems;
  private final IncidentRepository incidents;
  private final IncidentReaders readers;
  private final PostmortemHtml html;

  PostmortemPages(PostmortemArchive archive, ActionItems actionItems, IncidentRepository incidents,
                  IncidentReaders readers, PostmortemHtml html) {
    this.archive = archive;
    this.actionItems = actionItems;
    this.incidents = incidents;
    this.readers = readers;
    this.html = html;
  }

  @GetMapping("/postmortems")
  String archive(@RequestParam(required = false) String q, HttpServletRequest request, Model model) {
    readers.audience(groups(request));
    if (q != null && q.length() > QUERY_LIMIT) {
      throw new PageRequestRefused("A search is at most " + QUERY_LIMIT + " characters");
    }
    model.addAttribute("q", q == null ? "" : q.strip());
    model.addAttribute("postmortems", archive.search(q, ARCHIVE_LIMIT));
    model.addAttribute("user", user(request));
    return ARCHIVE;
  }

  @GetMapping("/postmortems/{key}")
  String one(@PathVariable String key, HttpServletRequest request, Model model) {
    readers.audience(groups(request));
    String incidentKey = key.toUpperCase(Locale.ROOT);
    var postmortem = archive.published(incidentKey).orElseThrow(() -> new PostmortemNotFoundException(incidentKey));
    model.addAttribute("postmortem", postmortem);
    model.addAttribute("document", html.render(archive.markdown(incidentKey).orElse("")));
    model.addAttribute("incident", incidents.find(incidentKey).orElse(null));
    model.addAttribute("actionItems", actionItems.list(incidentKey));
    model.addAttribute("user", user(request));
    return ONE;
  }
}
