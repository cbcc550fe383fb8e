package io.firebreak.incident;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.spin.json.SpinJsonNode;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;

/**
 * Reads variables as forms and the API submit them. A form value that fails validation is a
 * {@link BadUserRequestException}: Tasklist and the engine REST show it as a 400 with this message.
 */
public final class ProcessVariables {

  private static final ObjectMapper JSON = new ObjectMapper();

  private ProcessVariables() {
  }

  /**
   * Applies a rule of a Camunda-free service for a task listener or a delegate: what the rule rejects becomes the
   * {@link BadUserRequestException} that Tasklist and the engine REST answer with a 400 and this message.
   */
  public static void rejectedAsBadRequest(Runnable rule) {
    rejectedAsBadRequest(() -> {
      rule.run();
      return null;
    });
  }

  /** {@link #rejectedAsBadRequest(Runnable)} for a rule with a result. */
  public static <T> T rejectedAsBadRequest(java.util.function.Supplier<T> rule) {
    try {
      return rule.get();
    } catch (RejectedInput rejected) {
      // The engine's answer is its own exception as the root cause (EngineRestErrors, Tasklist); where the rule
      // refused stays readable as a suppressed exception.
      BadUserRequestException badRequest = new BadUserRequestException(rejected.getMessage());
      badRequest.addSuppressed(rejected);
      throw badRequest;
    }
  }

  /** Who completes a task: its assignee, else the user the engine authenticated for this call. */
  public static String actor(org.camunda.bpm.engine.delegate.DelegateTask task) {
    if (task.getAssignee() != null) {
      return task.getAssignee();
    }
    var authentication = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication == null || authentication.getUserId() == null) {
      throw new BadUserRequestException("claim the task '" + task.getName() + "' before completing it");
    }
    return authentication.getUserId();
  }

  public static String text(VariableScope scope, String name) {
    return text(scope.getVariable(name));
  }

  /** A value's trimmed text; null when it is null or blank. */
  public static String text(Object value) {
    if (value == null) {
      return null;
    }
    String text = value.toString().trim();
    return text.isEmpty() ? null : text;
  }

  public static String requiredText(VariableScope scope, String name, String label) {
    String text = text(scope, name);
    if (text == null) {
      throw new BadUserRequestException(label + " is required (form field '" + name + "')");
    }
    return text;
  }

  public static boolean flag(VariableScope scope, String name) {
    return flag(scope.getVariable(name));
  }

  /** A checkbox's value: a Boolean, or its text ("true"). */
  public static boolean flag(Object value) {
    return value instanceof Boolean b ? b : value != null && Boolean.parseBoolean(value.toString().trim());
  }

  public static Boolean requiredFlag(VariableScope scope, String name, String label) {
    Object value = scope.getVariable(name);
    if (value == null || value.toString().isBlank()) {
      throw new BadUserRequestException(label + " is required (form field '" + name + "')");
    }
    return flag(scope, name);
  }

  public static <T> T parsed(VariableScope scope, String name, java.util.function.Function<String, T> parser) {
    String text = text(scope, name);
    if (text == null) {
      return null;
    }
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException e) {
      throw new BadUserRequestException(e.getMessage() + " (form field '" + name + "')");
    }
  }

  /** User ids from a list variable: a JSON array (Tasklist), a Java collection or a comma-separated string. */
  public static List<String> userIds(VariableScope scope, String name) {
    Object value = scope.getVariable(name);
    Collection<?> items;
    if (value == null) {
      items = List.of();
    } else if (value instanceof SpinJsonNode json) {
      items = json.isArray() ? json.elements().stream().map(ProcessVariables::jsonText).toList() : List.of(jsonText(json));
    } else if (value instanceof Collection<?> collection) {
      items = collection;
    } else {
      String text = value.toString().trim();
      if (text.startsWith("[")) {
        items = org.camunda.spin.Spin.JSON(text).elements().stream().map(ProcessVariables::jsonText).toList();
      } else {
        items = Arrays.asList(text.split(","));
      }
    }
    LinkedHashSet<String> ids = new LinkedHashSet<>();
    for (Object item : items) {
      if (item != null && !item.toString().isBlank()) {
        ids.add(item.toString().trim());
      }
    }
    return new ArrayList<>(ids);
  }

  public static JsonValue jsonList(List<String> values) {
    return json(values);
  }

  /** A Json variable (Jackson-written, so any text is escaped properly), as Tasklist reads and submits them. */
  public static JsonValue json(Object value) {
    try {
      return SpinValues.jsonValue(JSON.writeValueAsString(value)).create();
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write as JSON: " + value, e);
    }
  }

  private static String jsonText(SpinJsonNode node) {
    if (node.isString()) {
      return node.stringValue();
    }
    if (node.isObject() && node.hasProp("value")) {
      return node.prop("value").stringValue();
    }
    return node.toString();
  }
}
