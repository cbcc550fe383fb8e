package io.firebreak.incident;


/** On-call paging and the alert that started an incident. */
public interface Paging {

  /** Pages the on-call team for an incident a person declared. */
  void pageOnCall(Incident incident);

  /** An Incident Manager took the incident: the source alert stops escalating. */
  void acknowledgeAlert(Incident incident);

  /** The incident is resolved: its source alert and the page, if any, are closed. */
  void closeAlert(Incident incident);
}
