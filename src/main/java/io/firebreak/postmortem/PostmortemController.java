package io.firebreak.postmortem;

import io.firebreak.config.ApiAuthenticationFilter;
import io.firebreak.incident.IncidentReaders;
import io.firebreak.postmortem.PostmortemArchive.PublishedPostmortem;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/postmortems}: the archive of published postmortems, for everyone who may read incidents. */
@RestController
@Validated
@RequestMapping("/api/postmortems")
class PostmortemController {

  static final String MARKDOWN = "text/markdown;charset=UTF-8";

  static final String GROUPS = ApiAuthenticationFilter.AUTHENTICATED_GROUPS;

  private final PostmortemArchive archive;
  private final IncidentReaders readers;

  PostmortemController(PostmortemArchive archive, IncidentReaders readers) {
    this.archive = archive;
    this.readers = readers;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  List<PublishedPostmortem> search(@RequestParam(required = false) @Size(max = 200) String q,
                                   @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
                                   @RequestAttribute(GROUPS) List<String> groups) {
    readers.audience(groups);
    return archive.search(q, limit);
  }

  /** The Markdown itself, whatever the client accepts (tools often send {@code Accept: application/json}). */
  @GetMapping(path = "/{key}")
  ResponseEntity<String> markdown(@PathVariable String key, @RequestAttribute(GROUPS) List<String> groups) {
    readers.audience(groups);
    String markdown = archive.markdown(key).orElseThrow(() -> new PostmortemNotFoundException(key));
    return ResponseEntity.ok().contentType(MediaType.parseMediaType(MARKDOWN)).body(markdown);
  }
}
