-- An alert that starts an incident process keeps what the process needs, so the alert's request starts the process
-- with its reserved key alone and the process's first step (asynchronous) reads the alert from here.
ALTER TABLE alert_event ADD COLUMN description VARCHAR(4000);
ALTER TABLE alert_event ADD COLUMN environment VARCHAR(100);
ALTER TABLE alert_event ADD COLUMN product VARCHAR(100);
ALTER TABLE alert_event ADD COLUMN url VARCHAR(4000);
ALTER TABLE alert_event ADD COLUMN started_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE alert_event ADD COLUMN storm BOOLEAN DEFAULT FALSE NOT NULL;
-- (severity_hint came with V10, for the repeats' counts.)
