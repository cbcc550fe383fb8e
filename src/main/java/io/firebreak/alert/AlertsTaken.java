package io.firebreak.alert;

import java.util.List;

/** The alerts of one request were recorded (committed), each with what the intake did with it, in their order. */
public record AlertsTaken(List<AlertOutcome> outcomes, List<String> sources) {
}
