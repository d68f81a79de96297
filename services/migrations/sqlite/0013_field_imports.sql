-- Imports of monitoring visits collected with KoboToolbox or ODK: the column mapping remembered
-- per project and form, and each import with the sheets read from its file (kept only until it
-- is done), its progress and the rows it could not import with their reasons.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint names.

CREATE TABLE import_mappings (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    form_name TEXT NOT NULL,
    mapping TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT import_mappings_form_key UNIQUE (project_id, form_name)
);

CREATE TABLE field_imports (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    form_name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    -- The sheets read from the file as JSON; emptied once the import is done.
    sheets TEXT NOT NULL,
    -- A summary of the sheets (names, headings, row counts) as JSON, kept.
    summary TEXT NOT NULL,
    mapping TEXT NOT NULL,
    mapping_remembered INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('mapping', 'running', 'done', 'interrupted')),
    total INTEGER NOT NULL,
    processed INTEGER NOT NULL,
    imported INTEGER NOT NULL,
    already_imported INTEGER NOT NULL,
    -- The rows not imported as JSON: [{"sheet": …, "line": …, "household_code": …, "reason": …}].
    issues TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    finished_at TEXT,
    -- The last sign of life of a running import: one silent for two minutes was interrupted
    -- (its server stopped) and can be started again.
    updated_at TEXT NOT NULL
);

CREATE INDEX field_imports_project_idx ON field_imports (project_id, created_at);
