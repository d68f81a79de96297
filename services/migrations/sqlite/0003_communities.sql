-- Communities where projects work; field monitors are assigned to them. SQLite dialect.

CREATE TABLE communities (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    municipality TEXT,
    created_at TEXT NOT NULL,
    CONSTRAINT communities_project_name_key UNIQUE (project_id, name)
);

CREATE INDEX communities_project_idx ON communities (project_id);

ALTER TABLE audit_events ADD COLUMN community_id INTEGER;
