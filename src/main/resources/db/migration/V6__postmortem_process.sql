-- What the postmortem process keeps beyond the archive: the meeting, each person's preparation, the pull request
-- under review, and who finished an action item.
ALTER TABLE postmortem ADD COLUMN meeting_held_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE postmortem ADD COLUMN pull_request_number INT;
ALTER TABLE postmortem ADD COLUMN review_comments VARCHAR(4000);
CREATE INDEX postmortem_pull_request_idx ON postmortem (pull_request_number);

CREATE TABLE postmortem_preparation (
  incident_key         VARCHAR(32)   NOT NULL REFERENCES postmortem (incident_key) ON DELETE CASCADE,
  person               VARCHAR(128)  NOT NULL,
  what_happened        VARCHAR(8000),
  timeline             VARCHAR(8000),
  contributing_factors VARCHAR(8000),
  submitted_at         TIMESTAMP WITH TIME ZONE,
  PRIMARY KEY (incident_key, person)
);

ALTER TABLE action_item ADD COLUMN done_by VARCHAR(128);
