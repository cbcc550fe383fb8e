package io.firebreak.incident;


/** Email to stakeholders, for the incidents where the communication decision asks for it. */
public interface Mailer {

  void notifyStakeholders(Incident incident);
}
