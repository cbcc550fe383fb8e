package io.firebreak.processes;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The constants classes ({@code io.firebreak.**.*Process}) name what is in the models: every element id in their
 * {@code Elements} and every message name in their {@code Messages} exists in the class's models, so an id renamed in
 * Modeler fails here rather than in production. A class's models are the files of {@code processes/} whose process
 * id is the value of one of its {@code KEY} / {@code *_KEY} constants.
 */
class ProcessConstantsMatchModelsTest {

  /** Process id → its model, for every model of processes/. */
  static Map<String, BpmnModelInstance> modelsByProcessKey() throws IOException {
    Map<String, BpmnModelInstance> models = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      for (Path file : files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
        BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
        model.getModelElementsByType(Process.class).forEach(p -> models.put(p.getId(), model));
      }
    }
    return models;
  }

  /** The top-level classes named {@code *Process} under io.firebreak (the constants classes). */
  static List<Class<?>> constantsClasses() throws IOException, ClassNotFoundException {
    List<Class<?>> classes = new ArrayList<>();
    for (Resource resource : new PathMatchingResourcePatternResolver()
        .getResources("classpath*:io/firebreak/**/*Process.class")) {
      String url = resource.getURL().toString();
      String name = url.substring(url.lastIndexOf("io/firebreak/"), url.length() - ".class".length()).replace('/', '.');
      classes.add(Class.forName(name));
    }
    return classes;
  }

  @Test
  void everyKeyElementIdAndMessageNameOfTheConstantsClassesIsInItsModels() throws Exception {
    Map<String, BpmnModelInstance> models = modelsByProcessKey();
    List<Class<?>> classes = constantsClasses();
    assertThat(classes).extracting(Class::getSimpleName).contains("IncidentProcess", "PostmortemProcess");

    List<String> missing = new ArrayList<>();
    int checked = 0;
    for (Class<?> constants : classes) {
      List<BpmnModelInstance> own = new ArrayList<>();
      for (Map.Entry<String, String> key : stringConstants(constants).entrySet()) {
        if (key.getKey().equals("KEY") || key.getKey().endsWith("_KEY")) {
          checked++;
          if (models.containsKey(key.getValue())) {
            own.add(models.get(key.getValue()));
          } else {
            missing.add(constants.getSimpleName() + "." + key.getKey() + " = \"" + key.getValue()
                + "\": no process with this id in processes/");
          }
        }
      }
      assertThat(own).as("models of " + constants.getSimpleName() + " (by its KEY constants)").isNotEmpty();

      for (Map.Entry<String, String> element : stringConstants(nested(constants, "Elements")).entrySet()) {
        checked++;
        if (own.stream().noneMatch(m -> m.getModelElementById(element.getValue()) != null)) {
          missing.add(constants.getSimpleName() + ".Elements." + element.getKey() + " = \"" + element.getValue()
              + "\": no element with this id");
        }
      }
      Set<String> messageNames = new TreeSet<>();
      own.forEach(m -> m.getModelElementsByType(Message.class).forEach(msg -> messageNames.add(msg.getName())));
      for (Map.Entry<String, String> message : stringConstants(nested(constants, "Messages")).entrySet()) {
        checked++;
        if (!messageNames.contains(message.getValue())) {
          missing.add(constants.getSimpleName() + ".Messages." + message.getKey() + " = \"" + message.getValue()
              + "\": no message of this name (the models have " + messageNames + ")");
        }
      }
    }
    assertThat(checked).as("constants checked").isGreaterThan(50);
    assertThat(missing).as("constants that name nothing in their models").isEmpty();
  }

  private static Class<?> nested(Class<?> outer, String simpleName) {
    return Stream.of(outer.getDeclaredClasses()).filter(c -> c.getSimpleName().equals(simpleName)).findFirst()
        .orElse(null);
  }

  /** The class's public static final String constants, by field name; none for a missing class. */
  private static Map<String, String> stringConstants(Class<?> type) throws IllegalAccessException {
    Map<String, String> constants = new TreeMap<>();
    if (type == null) {
      return constants;
    }
    for (Field field : type.getDeclaredFields()) {
      int modifiers = field.getModifiers();
      if (field.getType() == String.class && Modifier.isStatic(modifiers) && Modifier.isFinal(modifiers)
          && Modifier.isPublic(modifiers)) {
        constants.put(field.getName(), (String) field.get(null));
      }
    }
    return constants;
  }
}
