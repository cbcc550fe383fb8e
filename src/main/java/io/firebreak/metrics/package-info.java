/** Prometheus metrics, counted from the events the features publish; nothing depends on this module. */
@org.springframework.modulith.ApplicationModule(displayName = "Metrics", allowedDependencies = {"incident", "alert"})
package io.firebreak.metrics;
