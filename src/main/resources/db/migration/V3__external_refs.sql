-- What the adapters keep about an incident in outside systems beyond the links on the incident row
-- (the Slack summary message, the Statuspage components touched, the Opsgenie alert paged with).
CREATE TABLE external_ref (
  incident_key  VARCHAR(32)   NOT NULL REFERENCES incident (incident_key) ON DELETE CASCADE,
  name          VARCHAR(64)   NOT NULL,
  ref_value     VARCHAR(4000) NOT NULL,
  PRIMARY KEY (incident_key, name)
);
