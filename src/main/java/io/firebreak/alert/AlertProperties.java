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
  private DataSize maxBodySize = DataSize.ofMegabytes(1);
  /** How long a dismissed (or triage-ignored) fingerprint starts nothing new. */
  private Duration suppressionWindow = Duration.ofHours(1);
  /** How long one alert waits for another request holding its fingerprint before the source is told to retry (503). */
  private Duration lockTimeout = Duration.ofSeconds(10);
  private final Source alertmanager = new Source();
  private final Source pingdom = new Source();
  private final Source opsgenie = new Source();
  private final Source generic = new Source();

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
