-- A repeat of an open incident's alert is one row in the alert log, written under a shared lock of its fingerprint
-- (many repeats at once do not wait for each other). Its counts (occurrences of the fingerprint and of the incident,
-- the title and severity word last seen, the group heard from, a timeline entry) are added a moment later, for many
-- repeats at once (alert.AlertRepeats). Every event written before is counted already.
ALTER TABLE alert_event ADD COLUMN counted BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE alert_event ADD COLUMN severity_hint VARCHAR(100);
ALTER TABLE alert_event ADD COLUMN group_key VARCHAR(300);
CREATE INDEX alert_event_uncounted_idx ON alert_event (counted, id);
