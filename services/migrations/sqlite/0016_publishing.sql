-- How an organisation names itself in what it publishes (IATI files, donor reports), and the
-- IATI identifiers of projects (set when a project is published or imported from an IATI
-- file; otherwise the organisation's identifier and the project's number stand in).

ALTER TABLE organisations ADD COLUMN iati_identifier TEXT;
ALTER TABLE organisations ADD COLUMN organisation_type TEXT NOT NULL DEFAULT 'international_ngo';
ALTER TABLE projects ADD COLUMN iati_identifier TEXT;

CREATE UNIQUE INDEX projects_iati_identifier_key ON projects (iati_identifier);
