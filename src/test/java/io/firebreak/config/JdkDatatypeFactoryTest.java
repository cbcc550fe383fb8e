package io.firebreak.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.util.Enumeration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.engine.impl.util.ParseUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine's durations (a job's retry cycle, a timer) are parsed without searching the class path for a
 * {@link DatatypeFactory} provider, and still parsed the same.
 */
class JdkDatatypeFactoryTest {

  private static final String SERVICE_FILE = "META-INF/services/" + DatatypeFactory.DATATYPEFACTORY_PROPERTY;

  /** The class path searches a parse makes, seen through the thread's context class loader (ServiceLoader's). */
  private final List<String> searched = new CopyOnWriteArrayList<>();
  private String before;
  private ClassLoader contextLoader;

  @BeforeEach
  void watchTheClassPath() {
    before = System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
    System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
    contextLoader = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(new ClassLoader(contextLoader) {
      @Override
      public Enumeration<URL> getResources(String name) throws IOException {
        searched.add(name);
        return super.getResources(name);
      }
    });
  }

  @AfterEach
  void restore() {
    Thread.currentThread().setContextClassLoader(contextLoader);
    if (before == null) {
      System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
    } else {
      System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, before);
    }
  }

  @Test
  void withoutItEveryDurationParsedSearchesTheClassPath() throws Exception {
    // What the plugin changes: the JDK's lookup, once per duration the engine parses.
    ParseUtil.parseRetryIntervals("R5/PT1M");
    new DurationHelper("PT5M");

    assertThat(searched).filteredOn(SERVICE_FILE::equals).hasSize(2);
  }

  @Test
  void withItTheEngineParsesDurationsWithoutSearching() throws Exception {
    new JdkDatatypeFactory().preInit(null);

    var retryCycle = ParseUtil.parseRetryIntervals("R5/PT1M");
    DurationHelper fiveMinutes = new DurationHelper("PT5M", new java.util.Date(0));

    assertThat(searched).doesNotContain(SERVICE_FILE);
    assertThat(retryCycle.getRetries()).isEqualTo(5);
    assertThat(retryCycle.getRetryIntervals()).containsExactly("R5/PT1M");
    assertThat(fiveMinutes.getDateAfter().getTime()).isEqualTo(5 * 60_000L);
    assertThat(DatatypeFactory.newInstance().getClass().getName())
        .isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
  }

  @Test
  void aFactoryGivenToTheJvmIsKept() {
    System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, "org.example.OwnDatatypeFactory");

    assertThat(JdkDatatypeFactory.name()).isEqualTo("org.example.OwnDatatypeFactory");
    assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY)).isEqualTo("org.example.OwnDatatypeFactory");
  }
}
