-- Indicator actuals per reporting period, with their disaggregation and approval workflow:
-- draft → submitted → approved, or returned with a comment. An approved revision never changes;
-- a correction is the next revision. Every step is kept.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint names.

CREATE TABLE indicator_actuals (
    id INTEGER PRIMARY KEY,
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    revision INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'returned')),
    total TEXT NOT NULL,
    -- The cells as JSON: [{"cell": {"sex": …, "age": …, "indigenous": …}, "value": "…"}].
    cells TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT indicator_actuals_revision_key UNIQUE (indicator_id, period, revision)
);

CREATE TABLE indicator_actual_events (
    id INTEGER PRIMARY KEY,
    actual_id INTEGER NOT NULL REFERENCES indicator_actuals (id) ON DELETE CASCADE,
    step TEXT NOT NULL,
    status TEXT NOT NULL,
    comment TEXT,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX indicator_actual_events_actual_idx ON indicator_actual_events (actual_id);
