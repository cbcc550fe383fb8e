package io.firebreak.config;

import java.util.List;

/** The JSON body of every error Firebreak's own API answers with. */
public record ApiError(int status, String error, String message, List<FieldProblem> fields) {

  /** A request field that was wrong, and why. */
  public record FieldProblem(String field, String message) {
  }
}
