-- Notification mail (same schema as the status site's, see src/MailOutbox): queued in the transaction of the event
-- it tells of, sent through the relay with retries, given up after a day.
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

-- Staff hear of site changes in digests: items wait here for the digest window, then go out as one mail.
CREATE TABLE staff_digest (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    site_id TEXT NOT NULL,
    subject TEXT NOT NULL,
    body TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    digested_at INTEGER NULL
);
CREATE INDEX ix_staff_digest_pending ON staff_digest (digested_at, id);
