-- Donor reports: what was asked for (scope and period), the narratives officers write, and —
-- once issued — the report exactly as it was issued, so it reopens unchanged whatever happens
-- to the records later.

CREATE TABLE donor_reports (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    spec TEXT NOT NULL,
    donor_id INTEGER REFERENCES donors (id) ON DELETE RESTRICT,
    project_ids TEXT NOT NULL,
    narratives TEXT NOT NULL,
    issued_report TEXT,
    issued_at TEXT,
    issued_by TEXT,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT donor_reports_issued_check CHECK ((issued_report IS NULL) = (issued_at IS NULL))
);

CREATE INDEX donor_reports_organisation_idx ON donor_reports (organisation_id);
CREATE INDEX donor_reports_donor_idx ON donor_reports (donor_id);
