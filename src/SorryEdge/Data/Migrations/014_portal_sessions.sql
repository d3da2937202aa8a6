-- Portal sessions live on the server: logging out ends one for good (a saved cookie no longer
-- works), and each remembers the hash of the secret it was opened with, so a session opened
-- with the bootstrap token ends when that token changes.
CREATE TABLE portal_sessions (
    id           TEXT PRIMARY KEY,
    token_id     TEXT NOT NULL,
    secret_hash  TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    ended_at     TEXT
);
