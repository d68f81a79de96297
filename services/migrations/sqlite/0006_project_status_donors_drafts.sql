-- Project status and currency, donors funding projects, drafts of project forms, indigenous
-- communities. SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint
-- names.

ALTER TABLE projects ADD COLUMN status TEXT NOT NULL DEFAULT 'planning'
    CHECK (status IN ('planning', 'active', 'suspended', 'completed', 'cancelled'));
ALTER TABLE projects ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD' CHECK (length(currency) = 3);
ALTER TABLE projects ADD COLUMN updated_at TEXT;

-- Projects created before this migration plan in their country's currency.
UPDATE projects SET currency = 'COP' WHERE country = 'CO';
UPDATE projects SET currency = 'PEN' WHERE country = 'PE';
UPDATE projects SET currency = 'BOB' WHERE country = 'BO';

CREATE INDEX projects_status_idx ON projects (status);

ALTER TABLE communities ADD COLUMN indigenous INTEGER NOT NULL DEFAULT 0 CHECK (indigenous IN (0, 1));

CREATE TABLE donors (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id),
    name TEXT NOT NULL,
    iati_identifier TEXT,
    organisation_type TEXT NOT NULL,
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TEXT NOT NULL,
    CONSTRAINT donors_organisation_name_key UNIQUE (organisation_id, name)
);

CREATE TABLE project_donors (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    donor_id INTEGER NOT NULL REFERENCES donors (id) ON DELETE RESTRICT,
    PRIMARY KEY (project_id, donor_id)
);

CREATE INDEX project_donors_donor_idx ON project_donors (donor_id);

CREATE TABLE drafts (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('new_project', 'edit_project')),
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE CASCADE,
    project_id INTEGER REFERENCES projects (id) ON DELETE CASCADE,
    form_json TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX drafts_user_idx ON drafts (user_id);
