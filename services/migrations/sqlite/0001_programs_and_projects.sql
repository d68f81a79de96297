-- Programs and projects: the first slice. SQLite dialect; the PostgreSQL twin is in
-- migrations/postgres with the same tables, columns and constraint names.
-- Dates are ISO 8601 text (YYYY-MM-DD), timestamps RFC 3339 UTC text, hectares decimal text:
-- exact, and read the same way from both databases.

CREATE TABLE app_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE programs (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT,
    is_demo INTEGER NOT NULL DEFAULT 0 CHECK (is_demo IN (0, 1)),
    created_at TEXT NOT NULL,
    CONSTRAINT programs_name_key UNIQUE (name)
);

CREATE TABLE projects (
    id INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE RESTRICT,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('ad', 'preventive_ad')),
    country TEXT NOT NULL CHECK (length(country) = 2),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    description TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT projects_program_name_key UNIQUE (program_id, name),
    CONSTRAINT projects_dates_check CHECK (end_date > start_date)
);

CREATE INDEX projects_program_idx ON projects (program_id);

CREATE TABLE project_illicit_crops (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    crop TEXT NOT NULL,
    PRIMARY KEY (project_id, crop)
);

CREATE TABLE project_planned_crops (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    crop TEXT NOT NULL,
    hectares TEXT NOT NULL,
    PRIMARY KEY (project_id, crop)
);
