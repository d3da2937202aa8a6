-- Cluster mode: events that came from the cluster store carry its write id, so a replayed or
-- resynced change is recorded once on every node; cluster_state keeps the etcd revision this
-- node's local copy has applied, so a restart catches up from there.
ALTER TABLE events ADD COLUMN cluster_id TEXT;
CREATE UNIQUE INDEX events_cluster_id ON events(cluster_id) WHERE cluster_id IS NOT NULL;

CREATE TABLE cluster_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
