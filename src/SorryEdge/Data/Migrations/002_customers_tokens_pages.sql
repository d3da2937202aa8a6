CREATE TABLE customers (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);

-- Tokens are shown once and stored as SHA-256 of the secret: 256 random bits need no slow KDF.
CREATE TABLE tokens (
    id           TEXT PRIMARY KEY,
    hash         TEXT NOT NULL UNIQUE,
    scope        TEXT NOT NULL CHECK (scope IN ('staff', 'customer')),
    customer_id  TEXT REFERENCES customers(id),
    name         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    revoked_at   TEXT
);

-- Every admin API call, with the token that made it.
CREATE TABLE audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    token_id   TEXT,
    method     TEXT NOT NULL,
    path       TEXT NOT NULL,
    status     INTEGER NOT NULL,
    site_id    TEXT
);

CREATE INDEX audit_site_at ON audit(site_id, at);

-- Uploaded sorry pages; the files live under pages/<site>/<version>/ in the data folder.
-- The active version is switched in one UPDATE, so a crash never leaves no page or half a page.
CREATE TABLE sorry_pages (
    site_id     TEXT NOT NULL,
    version     INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    files       INTEGER NOT NULL,
    bytes       INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    warnings    TEXT NOT NULL,
    active      INTEGER NOT NULL DEFAULT 0,
    token_id    TEXT,
    PRIMARY KEY (site_id, version)
);
