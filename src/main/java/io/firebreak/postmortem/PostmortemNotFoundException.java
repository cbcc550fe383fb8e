package io.firebreak.postmortem;

/** No published postmortem for the given incident key. */
public class PostmortemNotFoundException extends RuntimeException {

  public PostmortemNotFoundException(String key) {
    super("no published postmortem for " + key);
  }
}
