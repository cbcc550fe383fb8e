-- When the problem began, as its alert says (Alertmanager's startsAt, Pingdom's and Opsgenie's own times): the start
-- of the time to acknowledge and to resolve. Null for incidents recorded before, and where the alert gives no time:
-- then the incident's opened_at is its detection.
ALTER TABLE incident ADD COLUMN detected_at TIMESTAMP WITH TIME ZONE;
