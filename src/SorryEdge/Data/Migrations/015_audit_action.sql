-- What a call did, by name, where it matters to a reader: 'site.created' marks the call that
-- created its site, where the site's own audit history starts. Rows written before this column
-- existed are marked by what identified such a call then: a PUT of the site that answered 201.
ALTER TABLE audit ADD COLUMN action TEXT;
UPDATE audit SET action = 'site.created'
WHERE method = 'PUT' AND status = 201 AND site_id IS NOT NULL AND lower(rtrim(path, '/')) = lower('/api/v1/sites/' || site_id);
