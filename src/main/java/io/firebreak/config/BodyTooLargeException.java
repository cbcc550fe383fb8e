package io.firebreak.config;

/** A request body larger than its endpoint's limit, found before or while reading it: answered with 413. */
public class BodyTooLargeException extends RuntimeException {

  public BodyTooLargeException(long limit) {
    super("the body is larger than " + limit + " bytes");
  }
}
