-- A firing alert within the reopen window after the resolution takes the incident back into the Fix: when that last
-- happened and how often. resolved_at is cleared then and set again by the next resolution.
ALTER TABLE incident ADD COLUMN reopened_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident ADD COLUMN reopenings INTEGER DEFAULT 0 NOT NULL;
