package io.firebreak;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/**
 * Each top-level package under {@code io.firebreak} is a module (README, Development). Spring Modulith fails this
 * test on a cycle between modules, or on a module reaching into another's internal packages.
 */
class ModuleStructureTest {

  static final ApplicationModules MODULES = ApplicationModules.of(FirebreakApplication.class);

  @Test
  void modulesHaveNoCyclesAndUseOnlyEachOthersPublishedTypes() {
    MODULES.verify();
  }
}
