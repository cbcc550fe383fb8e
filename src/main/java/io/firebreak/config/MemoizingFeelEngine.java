package io.firebreak.config;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.stereotype.Component;

/**
 * The decision tables' FEEL, evaluated by Camunda's FEEL engine and remembered where its answer can only depend on what
 * the key holds. Camunda's engine builds its table of built-in functions anew for every expression and every input
 * entry it evaluates; in an alert storm, triage and the communication table (several times per incident) took a
 * quarter of the job executor's CPU time, for cells such as {@code "critical","sev1","p1"} whose answer for a given
 * input never changes (README, Performance).
 *
 * <p>Remembered, keyed by the cell's text and the value it reads: the empty cell {@code -}; unary tests made only of literals (strings without
 * escapes, numbers, {@code true}/{@code false}, optionally inside {@code not(...)}), applied to the input value;
 * expressions that are one literal; expressions that are one variable name whose value is a string, number or boolean
 * (or absent). Everything else (ranges against other variables, functions, paths, contexts) goes to Camunda's engine
 * every time. What FEEL answers is what is remembered, so a table means the same with or without this; a process owner's
 * new table is new text, so new keys. At most {@value #CAPACITY} answers are kept; beyond that they are forgotten
 * together.
 */
final class MemoizingFeelEngine implements FeelEngine {

  static final int CAPACITY = 10_000;

  private static final String LITERAL = "(?:\"[^\"\\\\]*\"|-?\\d+(?:\\.\\d+)?|true|false)";
  private static final Pattern LITERAL_TESTS =
      Pattern.compile("\\s*(?:not\\s*\\(\\s*)?" + LITERAL + "(?:\\s*,\\s*" + LITERAL + ")*\\s*\\)?\\s*");
  /** The empty cell: it matches every input, and the table's engine still asks FEEL about it. */
  private static final String ANY = "-";
  private static final Pattern ONE_LITERAL = Pattern.compile("\\s*" + LITERAL + "\\s*");
  private static final Pattern ONE_NAME = Pattern.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*");
  private static final java.util.Set<String> KEYWORDS = java.util.Set.of("null", "true", "false", "not", "for",
      "if", "some", "every", "function", "and", "or", "in", "between", "instance");
  /** What is remembered for a null answer (the map holds no nulls). */
  private static final Object NULL = new Object();

  private record Key(String kind, String text, Object value) {
  }

  private final FeelEngine feel;
  private final Map<Key, Object> answers = new ConcurrentHashMap<>();

  MemoizingFeelEngine(FeelEngine feel) {
    this.feel = feel;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> T evaluateSimpleExpression(String expression, VariableContext variables) {
    Key key = null;
    if (ONE_LITERAL.matcher(expression).matches()) {
      key = new Key("literal", expression, null);
    } else {
      var name = ONE_NAME.matcher(expression);
      if (name.matches() && !KEYWORDS.contains(name.group(1))) {
        Object value = plain(variables, name.group(1));
        key = value == null ? null : new Key("name", expression, value);
      }
    }
    if (key == null) {
      return feel.evaluateSimpleExpression(expression, variables);
    }
    Object answer = answers.get(key);
    if (answer == null) {
      Object evaluated = feel.evaluateSimpleExpression(expression, variables);
      answer = remember(key, evaluated == null ? NULL : evaluated);
    }
    return answer == NULL ? null : (T) answer;
  }

  @Override
  public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variables) {
    Object input = ANY.equals(expression.trim()) ? ANY
        : LITERAL_TESTS.matcher(expression).matches() ? plain(variables, inputVariable) : null;
    if (input == null) {
      return feel.evaluateSimpleUnaryTests(expression, inputVariable, variables);
    }
    Key key = new Key("tests", expression, input);
    Object answer = answers.get(key);
    if (answer == null) {
      answer = remember(key, feel.evaluateSimpleUnaryTests(expression, inputVariable, variables));
    }
    return (Boolean) answer;
  }

  int remembered() {
    return answers.size();
  }

  private Object remember(Key key, Object answer) {
    if (!(answer instanceof String || answer instanceof Number || answer instanceof Boolean || answer == NULL)) {
      return answer;
    }
    if (answers.size() >= CAPACITY) {
      answers.clear();
    }
    answers.put(key, answer);
    return answer;
  }

  /**
   * What the variable holds, as a key: a plain string, number or boolean with its type (so {@code 1} and {@code "1"} are
   * two keys), or that it is absent or null; null (not to be remembered) for any other value.
   */
  private static Object plain(VariableContext variables, String name) {
    if (!variables.containsVariable(name)) {
      return List.of("absent");
    }
    TypedValue typed = variables.resolve(name);
    Object value = typed == null ? null : typed.getValue();
    if (value == null) {
      return List.of("null");
    }
    if (value instanceof String || value instanceof Number || value instanceof Boolean) {
      return List.of(value.getClass().getName(), value);
    }
    return null;
  }

  /** Puts it in front of the FEEL engine Camunda would build itself (its Scala engine, without custom functions). */
  @Component
  static class Plugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
      DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
          ? configuration.getDmnEngineConfiguration()
          : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
      FeelEngine camunda = new ScalaFeelEngineFactory().createInstance();
      dmn.setFeelEngineFactory(() -> new MemoizingFeelEngine(camunda));
      configuration.setDmnEngineConfiguration(dmn);
    }
  }
}
