package io.firebreak.config;

import javax.xml.datatype.DatatypeFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The engine parses every ISO 8601 duration (the retry cycle of each job it creates, a timer, a due date) with a new
 * {@link DatatypeFactory}, and {@link DatatypeFactory#newInstance()} first looks for a provider on the class path
 * (JDK-6466177): in Firebreak's jar that searched the service files of its 180 nested jars, for a provider none of them
 * has, on every job the engine created. It was an eighth of the server's CPU time in the benchmark, over a third of a
 * new alert's request (README, Performance). Naming the JDK's own implementation, the one the search ends with, skips
 * it. A {@code -Djavax.xml.datatype.DatatypeFactory} given to the JVM is kept.
 */
@Component
class JdkDatatypeFactory extends AbstractProcessEnginePlugin {

  private static final Logger log = LoggerFactory.getLogger(JdkDatatypeFactory.class);

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    name();
  }

  /** Names the JDK's implementation unless the JVM was given one; the one in use. */
  static String name() {
    String given = System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
    if (given != null) {
      if (!given.equals(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS)) {
        log.info("javax.xml DatatypeFactory {} as given to the JVM", given);
      }
      return given;
    }
    System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
    return DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS;
  }
}
