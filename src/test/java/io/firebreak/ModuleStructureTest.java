package io.firebreak;

import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package under {@code io.firebreak} is a module (README, Development). Spring Modulith fails this
 * test on a cycle between modules, or on a module reaching into another's internal packages.
 */
class ModuleStructureTest {

  /**
   * The application's classes only: ArchUnit's own "no tests" option knows Maven's target/test-classes, but the
   * Operaton build compiles the tests to target/operaton/test-classes.
   */
  private static final ImportOption MAIN_CLASSES_ONLY = location -> !location.contains("/test-classes/");

  static final ApplicationModules MODULES = ApplicationModules.of(FirebreakApplication.class, MAIN_CLASSES_ONLY);

  @Test
  void modulesHaveNoCyclesAndUseOnlyEachOthersPublishedTypes() {
    MODULES.verify();
  }
}
