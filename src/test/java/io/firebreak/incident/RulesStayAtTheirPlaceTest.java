package io.firebreak.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Where the incident's and the postmortem's code keeps its rules and its variables, read from the sources: the
 * rules' services import nothing of Camunda, no listener or delegate casts a variable or names one by a literal.
 */
class RulesStayAtTheirPlaceTest {

  private static final Path MAIN = Path.of("src", "main", "java", "io", "firebreak");

  /** The services that hold the rules; listeners, delegates and controllers call them. */
  private static final List<String> RULES = List.of("incident/IncidentResponse.java", "incident/IncidentTeam.java",
      "incident/IncidentEndings.java", "incident/DomainExpertFindings.java", "postmortem/PostmortemMeetings.java",
      "postmortem/ActionItemTracking.java", "postmortem/PostmortemReviews.java");

  /** The one place per process where variables are read with their types. */
  private static final List<String> TYPED_ACCESS = List.of("incident/IncidentVariables.java",
      "incident/ProcessVariables.java", "postmortem/PostmortemVariables.java");

  @Test
  void theRulesServicesImportNothingOfCamunda() throws IOException {
    List<String> found = new ArrayList<>();
    for (String rules : RULES) {
      String source = Files.readString(MAIN.resolve(rules));
      assertThat(source).as(rules + " is a Spring bean").containsAnyOf("@Service", "@Component");
      // Spelled in two parts: the Operaton build renames "org" + ".camunda" in its copy of the tests, not of src/main.
      if (source.contains("org." + "camunda")) {
        found.add(rules);
      }
    }
    assertThat(found).as("rules services that use Camunda").isEmpty();
  }

  @Test
  void variablesAreNamedByTheProcessConstantsAndReadWithoutCasts() throws IOException {
    Pattern literal = Pattern.compile("(?:get|set)Variable(?:Local)?\\(\\s*\"");
    Pattern cast = Pattern.compile("\\((?:Date|String|Number|Long|Integer|Boolean)\\)\\s*\\(?\\s*\\w+(?:\\(\\))?"
        + "(?:\\.getExecution\\(\\))?\\.getVariable");
    List<String> found = new ArrayList<>();
    int files = 0;
    for (String feature : List.of("incident", "postmortem")) {
      try (Stream<Path> sources = Files.list(MAIN.resolve(feature))) {
        for (Path file : sources.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
          files++;
          String name = feature + "/" + file.getFileName();
          String source = Files.readString(file);
          Matcher named = literal.matcher(source);
          while (named.find()) {
            found.add(name + ": a variable named by a literal at " + line(source, named.start()));
          }
          if (!TYPED_ACCESS.contains(name)) {
            Matcher casted = cast.matcher(source);
            while (casted.find()) {
              found.add(name + ": a variable read with a cast at " + line(source, casted.start()));
            }
          }
        }
      }
    }
    assertThat(files).as("sources read").isGreaterThan(40);
    assertThat(found).isEmpty();
  }

  private static String line(String source, int offset) {
    int line = (int) source.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
    return "line " + line;
  }
}
