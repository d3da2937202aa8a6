-- Subscribers (Statuspage's model): e-mail with double opt-in, or a webhook URL with a signing secret.
-- components NULL means everything; otherwise a JSON array of component ids.
CREATE TABLE subscribers (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    address TEXT NOT NULL,
    components TEXT NULL,
    secret TEXT NULL,
    created_at INTEGER NOT NULL,
    confirmation_sent_at INTEGER NULL,
    confirmed_at INTEGER NULL,
    failing_since INTEGER NULL,
    disabled_at INTEGER NULL
);
CREATE UNIQUE INDEX ux_subscribers_address ON subscribers (kind, address);

-- What subscribers must hear of, written with the change; fanned out by the dispatcher.
CREATE TABLE notices (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    subject_id TEXT NOT NULL,
    update_id TEXT NULL,
    old_status TEXT NULL,
    new_status TEXT NULL,
    created_at INTEGER NOT NULL,
    dispatched_at INTEGER NULL
);
CREATE INDEX ix_notices_pending ON notices (dispatched_at, id);

-- Same schema as the edge's (src/MailOutbox): a message is queued with what it is about, sent until the relay takes it.
CREATE TABLE mail_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    message_id TEXT NOT NULL,
    recipient TEXT NOT NULL,
    subject TEXT NOT NULL,
    text_body TEXT NOT NULL,
    headers TEXT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NULL,
    sent_at INTEGER NULL,
    given_up_at INTEGER NULL
);
CREATE INDEX ix_mail_outbox_due ON mail_outbox (sent_at, given_up_at, next_attempt_at);

-- Webhook calls, retried with exponential backoff until the receiver answers 2xx.
CREATE TABLE webhook_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    subscriber_id TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT NULL,
    delivered_at INTEGER NULL,
    given_up_at INTEGER NULL
);
CREATE INDEX ix_webhook_outbox_due ON webhook_outbox (delivered_at, given_up_at, next_attempt_at);
