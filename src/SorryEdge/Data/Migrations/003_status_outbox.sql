-- Changes for the status site, written in the same transaction as the event they come from,
-- and delivered in order until the status site accepts them.
CREATE TABLE status_outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    event_id      INTEGER NOT NULL,
    site_id       TEXT NOT NULL,
    status        TEXT NOT NULL,
    payload       TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    attempts      INTEGER NOT NULL DEFAULT 0,
    last_error    TEXT,
    delivered_at  TEXT
);

CREATE INDEX status_outbox_pending ON status_outbox(delivered_at, id);
