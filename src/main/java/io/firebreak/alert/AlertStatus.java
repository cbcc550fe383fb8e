package io.firebreak.alert;

/** What a source says about its alert. ACKNOWLEDGED only comes from paging tools (Opsgenie). */
public enum AlertStatus {
  FIRING, RESOLVED, ACKNOWLEDGED
}
