CREATE TABLE components (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    group_name TEXT NULL,
    status TEXT NOT NULL,
    position INTEGER NOT NULL,
    description TEXT NULL,
    automatic INTEGER NOT NULL DEFAULT 0,
    cause TEXT NULL,
    last_event_at INTEGER NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE component_history (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    component_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    status TEXT NOT NULL
);
CREATE INDEX ix_component_history ON component_history (component_id, at);

CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    status TEXT NOT NULL,
    impact TEXT NOT NULL,
    draft INTEGER NOT NULL DEFAULT 0,
    discarded INTEGER NOT NULL DEFAULT 0,
    automatic INTEGER NOT NULL DEFAULT 0,
    auto_component_id TEXT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    started_at INTEGER NOT NULL,
    monitoring_at INTEGER NULL,
    resolved_at INTEGER NULL,
    scheduled_for INTEGER NULL,
    scheduled_until INTEGER NULL
);

CREATE TABLE incident_updates (
    id TEXT PRIMARY KEY,
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    status TEXT NOT NULL,
    body TEXT NOT NULL,
    automatic INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_incident_updates ON incident_updates (incident_id, created_at);

CREATE TABLE incident_components (
    incident_id TEXT NOT NULL REFERENCES incidents (id),
    component_id TEXT NOT NULL,
    status TEXT NOT NULL,
    PRIMARY KEY (incident_id, component_id)
);

CREATE TABLE ingest_events (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    component_id TEXT NOT NULL,
    status TEXT NOT NULL,
    cause TEXT NULL,
    occurred_at INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    applied INTEGER NOT NULL
);

CREATE TABLE users (
    username TEXT PRIMARY KEY,
    password_hash TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
