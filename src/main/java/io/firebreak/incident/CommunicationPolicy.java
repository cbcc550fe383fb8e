package io.firebreak.incident;

/** What {@code communication.dmn} says a severity calls for, as far as the incident's rules need it. */
@FunctionalInterface
public interface CommunicationPolicy {

  /** Whether customers are to read about an incident of this severity and impact on the status page. */
  boolean statusPageExpected(Severity severity, Impact impact, boolean customerFacing);
}
