-- Natter schema, version 3: the notification inbox.
-- One row per recipient of a notification, written by app-api when the notifier tells it
-- (POST /internal/notifications) before it publishes on natter.notify.<user>, so a user who was
-- offline finds it later (GET /api/notifications). The notification id is the notifier's, stable
-- across redeliveries: (user_name, id) makes a repeat harmless. Rows older than the configured
-- retention are deleted.

CREATE TABLE inbox (
    user_name  text        NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    id         text        NOT NULL CHECK (length(id) BETWEEN 1 AND 200),
    title      text        NOT NULL,
    body       text        NOT NULL,
    data       jsonb,
    sender     text,
    ts         text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    read_at    timestamptz,
    PRIMARY KEY (user_name, id)
);
CREATE INDEX inbox_unread ON inbox (user_name, created_at) WHERE read_at IS NULL;
CREATE INDEX inbox_by_age ON inbox (created_at);
