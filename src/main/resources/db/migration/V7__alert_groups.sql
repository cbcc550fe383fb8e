-- Alert grouping and the storm guard. One limit per kind of value across our tables (io.firebreak.incident.IncidentLimits):
-- a source name is 64 characters and a fingerprint 300 wherever they are stored.
ALTER TABLE incident ALTER COLUMN source SET DATA TYPE VARCHAR(64);
ALTER TABLE incident ALTER COLUMN alert_fingerprint SET DATA TYPE VARCHAR(300);
-- The storm guard counts the incidents alerts opened within its window.
CREATE INDEX incident_opened_at_idx ON incident (opened_at);

-- Alerts of one group (an Alertmanager groupKey, the configured group labels, a generic alert's "group") share one
-- incident: the group's first alert opens it, the others join. A storm group gathers the new alerts the storm guard
-- attaches to one storm incident.
CREATE TABLE alert_group (
  group_key            VARCHAR(300) NOT NULL PRIMARY KEY,
  source               VARCHAR(64)  NOT NULL,
  process_instance_id  VARCHAR(64),
  storm                BOOLEAN      DEFAULT FALSE NOT NULL,
  opened_at            TIMESTAMP WITH TIME ZONE NOT NULL,
  -- the group's latest alert: a storm goes on while alerts keep coming within the storm window
  last_seen_at         TIMESTAMP WITH TIME ZONE NOT NULL,
  suppressed_until     TIMESTAMP WITH TIME ZONE
);
CREATE INDEX alert_group_storm_idx ON alert_group (storm, last_seen_at);

ALTER TABLE alert_tracking ADD COLUMN group_key VARCHAR(300);
-- What a split-off incident is opened with: the alert's latest title and severity hint.
ALTER TABLE alert_tracking ADD COLUMN title VARCHAR(200);
ALTER TABLE alert_tracking ADD COLUMN severity_hint VARCHAR(100);
CREATE INDEX alert_tracking_process_idx ON alert_tracking (process_instance_id);
CREATE INDEX alert_event_process_idx ON alert_event (process_instance_id);

-- One row, locked while a storm decision is made, so that concurrent requests and several nodes open one storm
-- incident, not one each.
CREATE TABLE alert_storm_lock (id INT NOT NULL PRIMARY KEY);
INSERT INTO alert_storm_lock (id) VALUES (1);
