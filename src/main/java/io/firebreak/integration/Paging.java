package io.firebreak.integration;

import io.firebreak.incident.Incident;

/** On-call paging and the alert that started an incident. */
public interface Paging {

  void pageOnCall(Incident incident);

  void acknowledgeAlert(Incident incident);

  void closeAlert(Incident incident);
}
