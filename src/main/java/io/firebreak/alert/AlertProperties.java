package io.firebreak.alert;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;

/** {@code firebreak.alerts.*}: the sources' secrets, the body limit and the suppression window. */
@Component
@ConfigurationProperties(prefix = "firebreak.alerts")
public class AlertProperties {

  /** Bodies above this are refused with 413 before they are read. */
  private DataSize maxBodySize = DataSize.ofMegabytes(8);
  /** How long a dismissed (or triage-ignored) fingerprint starts nothing new. */
  private Duration suppressionWindow = Duration.ofHours(1);
  /** How long one alert waits for another request holding its fingerprint before the source is told to retry (503). */
  private Duration lockTimeout = Duration.ofSeconds(10);
  /**
   * How often the repeats of open incidents' alerts are counted onto their incidents ({@link AlertRepeats}): the
   * counts and timelines lag the alerts by about this much. Read by {@link AlertRepeats}' schedule.
   */
  private Duration repeatCountInterval = Duration.ofSeconds(1);
  private final StormGuardSettings stormGuard = new StormGuardSettings();
  /**
   * Alertmanager alerts are grouped by the payload's {@code groupKey}; with label names here, by those labels' values
   * instead (for example {@code alertname,cluster}).
   */
  private java.util.List<String> alertmanagerGroupBy = new java.util.ArrayList<>();
  private final Source alertmanager = new Source();
  private final Source pingdom = new Source();
  private final Source opsgenie = new Source();
  private final Source generic = new Source();

  /** The storm guard's switch; its threshold and window are in the decision table alert-storm.dmn. */
  public static class StormGuardSettings {
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** One source's secret; {@code header} only where the source sends it in a header of its own (Opsgenie). */
  public static class Source {
    private String token = "";
    private String header = "X-Firebreak-Token";

    public String getToken() {
      return token;
    }

    public void setToken(String token) {
      this.token = token == null ? "" : token;
    }

    public String getHeader() {
      return header;
    }

    public void setHeader(String header) {
      this.header = header;
    }
  }

  public StormGuardSettings getStormGuard() {
    return stormGuard;
  }

  public java.util.List<String> getAlertmanagerGroupBy() {
    return alertmanagerGroupBy;
  }

  public void setAlertmanagerGroupBy(java.util.List<String> alertmanagerGroupBy) {
    this.alertmanagerGroupBy = alertmanagerGroupBy == null ? new java.util.ArrayList<>()
        : alertmanagerGroupBy.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  public DataSize getMaxBodySize() {
    return maxBodySize;
  }

  public void setMaxBodySize(DataSize maxBodySize) {
    this.maxBodySize = maxBodySize;
  }

  public Duration getSuppressionWindow() {
    return suppressionWindow;
  }

  public void setSuppressionWindow(Duration suppressionWindow) {
    this.suppressionWindow = suppressionWindow;
  }

  public Duration getRepeatCountInterval() {
    return repeatCountInterval;
  }

  public void setRepeatCountInterval(Duration repeatCountInterval) {
    this.repeatCountInterval = repeatCountInterval;
  }

  public Duration getLockTimeout() {
    return lockTimeout;
  }

  public void setLockTimeout(Duration lockTimeout) {
    this.lockTimeout = lockTimeout;
  }

  public Source getAlertmanager() {
    return alertmanager;
  }

  public Source getPingdom() {
    return pingdom;
  }

  public Source getOpsgenie() {
    return opsgenie;
  }

  public Source getGeneric() {
    return generic;
  }
}
