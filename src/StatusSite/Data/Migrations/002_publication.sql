-- Automatic components start hidden: a customer's site is not the hosting company's public news
-- until staff publish its component (or map the site to a published one).
ALTER TABLE components ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;

-- What each update changed, as Statuspage's affected_components: JSON [{code, old_status, new_status}].
ALTER TABLE incident_updates ADD COLUMN affected TEXT NULL;
