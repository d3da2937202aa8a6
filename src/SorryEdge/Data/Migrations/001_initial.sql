-- Sites are documents (the admin API's JSON); the columns beside them are what the edge
-- queries or changes on its own: hostnames for uniqueness, mode switches, the manual-failback latch.
CREATE TABLE sites (
    id          TEXT PRIMARY KEY,
    config      TEXT NOT NULL,
    latched     INTEGER NOT NULL DEFAULT 0,
    version     INTEGER NOT NULL DEFAULT 1,
    updated_at  TEXT NOT NULL
);

CREATE TABLE site_hosts (
    hostname    TEXT PRIMARY KEY,
    site_id     TEXT NOT NULL REFERENCES sites(id) ON DELETE CASCADE
);

-- The audit log: append-only, one row per state change.
CREATE TABLE events (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    at          TEXT NOT NULL,
    site_id     TEXT NOT NULL,
    kind        TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    cause       TEXT NOT NULL,
    actor       TEXT
);

CREATE INDEX events_site_at ON events(site_id, at);
