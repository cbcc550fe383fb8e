package io.firebreak.processes;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firebreak.FirebreakTest;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Every expression of the models in {@code processes/} ({@code ${…}} and {@code #{…}} in any attribute or text:
 * delegate expressions, expressions, listeners, conditions, timers, assignees, collections, retry cycles, input and
 * output parameters) names only things the running application has.
 *
 * <p>How a name at the start of an expression is told apart:
 * <ul>
 *   <li>an engine built-in: {@code execution}, {@code task}, {@code authenticatedUserId}, and the functions
 *       {@code currentUser()}, {@code currentUserGroups()}, {@code now()}, {@code dateTime()}, {@code S()},
 *       {@code XML()}, {@code JSON()}; EL's keywords ({@code true}, {@code null}, {@code empty}, {@code and}, …);
 *   <li>a process variable: a name a constants class declares in its {@code Variables}, or one the models create
 *       themselves (a {@code resultVariable}, a multi-instance {@code elementVariable}, an input or output parameter,
 *       a call activity's {@code in}/{@code out} target), or a form field's key in {@code forms/};
 *   <li>anything else must be a Spring bean of the application (the engine resolves names against the application
 *       context); {@code bean.method(…)} needs a public method of that name and number of arguments on the bean's
 *       class, {@code bean.property} a public getter, and a delegate expression a bean of the type its place needs
 *       ({@code JavaDelegate} for a service task, {@code TaskListener}, {@code ExecutionListener}).
 * </ul>
 * A name the models use that is both a variable and a bean is refused too: which one the engine reads depends on
 * the scope at run time. Members of
 * variables ({@code ${triageResult.action}}) are not checked: their type is only known at run time.
 */
class ModelExpressionsResolveTest extends FirebreakTest {

  static final Set<String> BUILT_IN_NAMES = Set.of("execution", "task", "authenticatedUserId",
      "true", "false", "null", "empty", "not", "and", "or", "eq", "ne", "lt", "gt", "le", "ge", "div", "mod",
      "instanceof");
  static final Set<String> BUILT_IN_FUNCTIONS = Set.of("currentUser", "currentUserGroups", "now", "dateTime",
      "S", "XML", "JSON");

  private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{([^}]*)}");
  private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
  /** A name not preceded by a dot (a root), optionally followed by {@code .member} and an opening parenthesis. */
  private static final Pattern ROOT = Pattern.compile(
      "(?<![.\\w])([A-Za-z_]\\w*)\\s*(?:\\.\\s*([A-Za-z_]\\w*))?\\s*(\\()?");

  @Autowired
  ApplicationContext context;

  /** One expression found in a model, with where it is (model, element, attribute) and what its place needs. */
  record Found(String model, String element, String where, String body, Class<?> delegateType) {
    @Override
    public String toString() {
      return model + " " + element + " " + where + ": ${" + body + "}";
    }
  }

  @Test
  void everyBeanMethodPropertyAndDelegateExpressionOfTheModelsIsABeanOfTheApplication() throws Exception {
    Set<String> variables = knownVariables();
    List<Found> expressions = expressions();
    assertThat(expressions).as("expressions found in processes/").hasSizeGreaterThan(50);

    List<String> unresolved = new ArrayList<>();
    Set<String> beansUsed = new TreeSet<>();
    Set<String> variablesUsed = new TreeSet<>();
    for (Found found : expressions) {
      String body = STRING_LITERAL.matcher(found.body()).replaceAll("''");
      Matcher root = ROOT.matcher(body);
      while (root.find()) {
        String name = root.group(1);
        String member = root.group(2);
        boolean call = root.group(3) != null;
        if (member == null && call) {
          if (!BUILT_IN_FUNCTIONS.contains(name)) {
            unresolved.add(found + ": " + name + "() is no function of the engine");
          }
          continue;
        }
        if (variables.contains(name)) {
          variablesUsed.add(name);
          continue;
        }
        if (BUILT_IN_NAMES.contains(name)) {
          continue;
        }
        if (!context.containsBean(name)) {
          unresolved.add(found + ": '" + name + "' is no bean, no process variable and no built-in");
          continue;
        }
        beansUsed.add(name);
        Class<?> type = ClassUtils.getUserClass(context.getType(name));
        if (member != null && call) {
          int arguments = arguments(body, root.end() - 1);
          if (Stream.of(type.getMethods()).noneMatch(m -> m.getName().equals(member)
              && (m.getParameterCount() == arguments || m.isVarArgs()))) {
            unresolved.add(found + ": " + type.getSimpleName() + " (bean '" + name + "') has no public method "
                + member + " with " + arguments + " argument(s)");
          }
        } else if (member != null) {
          if (!hasReadableProperty(type, member)) {
            unresolved.add(found + ": " + type.getSimpleName() + " (bean '" + name + "') has no public getter for "
                + member);
          }
        } else if (found.delegateType() != null && !context.isTypeMatch(name, found.delegateType())) {
          unresolved.add(found + ": bean '" + name + "' is no " + found.delegateType().getSimpleName());
        }
      }
    }
    assertThat(unresolved).as("expressions the engine could not resolve").isEmpty();
    assertThat(beansUsed).as("beans the models use").contains("retryPolicy", "recordIncident", "leadTheFix");

    List<String> ambiguous = variablesUsed.stream().filter(context::containsBean).toList();
    assertThat(ambiguous).as("names the models use that are both a process variable and a bean").isEmpty();
  }

  /** The number of arguments of the call whose opening parenthesis is at {@code open}. */
  static int arguments(String body, int open) {
    int depth = 0;
    int commas = 0;
    boolean any = false;
    for (int i = open; i < body.length(); i++) {
      char c = body.charAt(i);
      if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
        if (depth == 0) {
          return any ? commas + 1 : 0;
        }
      } else if (c == ',' && depth == 1) {
        commas++;
      } else if (!Character.isWhitespace(c) && depth >= 1) {
        any = true;
      }
    }
    return -1;
  }

  static boolean hasReadableProperty(Class<?> type, String property) throws Exception {
    for (PropertyDescriptor descriptor : Introspector.getBeanInfo(type).getPropertyDescriptors()) {
      Method read = descriptor.getReadMethod();
      if (descriptor.getName().equals(property) && read != null && Modifier.isPublic(read.getModifiers())) {
        return true;
      }
    }
    return false;
  }

  /** Every expression of every model, read with Camunda's model API and walked through its XML. */
  static List<Found> expressions() throws IOException {
    List<Found> found = new ArrayList<>();
    for (Path file : models()) {
      Node root = Bpmn.readModelFromFile(file.toFile()).getDocument().getDomSource().getNode();
      collect(file.getFileName().toString(), root, found);
    }
    return found;
  }

  private static void collect(String model, Node node, List<Found> found) {
    if (node instanceof Element element) {
      String owner = owner(element);
      NamedNodeMap attributes = element.getAttributes();
      for (int i = 0; i < attributes.getLength(); i++) {
        Attr attribute = (Attr) attributes.item(i);
        Class<?> delegateType = attribute.getLocalName().equals("delegateExpression")
            ? delegateType(element.getLocalName()) : null;
        add(model, owner, element.getLocalName() + "@" + attribute.getLocalName(), attribute.getValue(),
            delegateType, found);
      }
    } else if (node.getNodeType() == Node.TEXT_NODE || node.getNodeType() == Node.CDATA_SECTION_NODE) {
      Node parent = node.getParentNode();
      add(model, parent instanceof Element e ? owner(e) : "?", parent == null ? "?" : parent.getLocalName(),
          node.getNodeValue(), null, found);
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      collect(model, child, found);
    }
  }

  private static void add(String model, String owner, String where, String text, Class<?> delegateType,
      List<Found> found) {
    Matcher expression = EXPRESSION.matcher(text);
    while (expression.find()) {
      found.add(new Found(model, owner, where, expression.group(1), delegateType));
    }
  }

  private static Class<?> delegateType(String elementName) {
    return switch (elementName) {
      case "serviceTask", "sendTask", "businessRuleTask", "intermediateThrowEvent", "endEvent" -> JavaDelegate.class;
      case "taskListener" -> TaskListener.class;
      case "executionListener" -> ExecutionListener.class;
      default -> null;
    };
  }

  /** The id of the nearest element with one, for the message. */
  private static String owner(Element element) {
    for (Node n = element; n instanceof Element e; n = n.getParentNode()) {
      if (!e.getAttribute("id").isEmpty()) {
        return e.getAttribute("id");
      }
    }
    return "?";
  }

  /** Names of process variables: the constants classes' Variables, what the models create, the forms' keys. */
  static Set<String> knownVariables() throws Exception {
    Set<String> names = new TreeSet<>();
    for (Class<?> constants : ProcessConstantsMatchModelsTest.constantsClasses()) {
      for (Class<?> nested : constants.getDeclaredClasses()) {
        if (nested.getSimpleName().equals("Variables")) {
          for (Field field : nested.getDeclaredFields()) {
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
              names.add((String) field.get(null));
            }
          }
        }
      }
    }
    for (Path file : models()) {
      collectDeclared(Bpmn.readModelFromFile(file.toFile()).getDocument().getDomSource().getNode(), names);
    }
    try (Stream<Path> forms = Files.list(Path.of("forms"))) {
      for (Path form : forms.filter(p -> p.toString().endsWith(".form")).toList()) {
        new ObjectMapper().readTree(form.toFile()).findValues("key").stream().filter(JsonNode::isTextual)
            .forEach(key -> names.add(key.asText()));
      }
    }
    return names;
  }

  private static void collectDeclared(Node node, Set<String> names) {
    if (node instanceof Element element) {
      for (String attribute : List.of("resultVariable", "elementVariable")) {
        String value = element.getAttributeNS("http://camunda.org/schema/1.0/bpmn", attribute);
        if (!value.isEmpty()) {
          names.add(value);
        }
      }
      switch (element.getLocalName()) {
        case "inputParameter", "outputParameter" -> names.add(element.getAttribute("name"));
        case "in", "out" -> {
          if (!element.getAttribute("target").isEmpty()) {
            names.add(element.getAttribute("target"));
          }
        }
        default -> {
        }
      }
    }
    for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
      collectDeclared(child, names);
    }
  }

  static List<Path> models() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("processes"))) {
      return files.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
    }
  }
}
