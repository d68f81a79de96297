-- Monitoring visits to households (GPS position, what each plot visited holds, harvest, sales
-- and income) and community activity reports (trainings with attendance by sex and age band,
-- infrastructure progress). A visit's position is personal data, like a plot's place.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint names.

CREATE TABLE monitoring_visits (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    -- The id the device made for the entry: the same entry sent twice is stored once.
    client_id TEXT,
    visited_on TEXT NOT NULL,
    longitude REAL,
    latitude REAL,
    crop TEXT,
    harvested_kg TEXT,
    sold_kg TEXT,
    price_per_kg TEXT,
    currency TEXT,
    sales_channel TEXT,
    income TEXT,
    note TEXT,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CONSTRAINT monitoring_visits_client_key UNIQUE (client_id)
);

CREATE INDEX monitoring_visits_household_idx ON monitoring_visits (household_id, visited_on);

CREATE TABLE monitoring_visit_plots (
    visit_id INTEGER NOT NULL REFERENCES monitoring_visits (id) ON DELETE CASCADE,
    plot_id INTEGER NOT NULL REFERENCES plots (id) ON DELETE CASCADE,
    illicit_crop TEXT,
    illicit_hectares TEXT NOT NULL,
    licit_crop TEXT,
    established_hectares TEXT NOT NULL,
    surviving_hectares TEXT NOT NULL,
    PRIMARY KEY (visit_id, plot_id)
);

CREATE TABLE activity_reports (
    id INTEGER PRIMARY KEY,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('training', 'infrastructure', 'meeting')),
    held_on TEXT NOT NULL,
    title TEXT NOT NULL,
    attendance_female_under_18 INTEGER NOT NULL DEFAULT 0,
    attendance_female_18_29 INTEGER NOT NULL DEFAULT 0,
    attendance_female_30_59 INTEGER NOT NULL DEFAULT 0,
    attendance_female_60_plus INTEGER NOT NULL DEFAULT 0,
    attendance_male_under_18 INTEGER NOT NULL DEFAULT 0,
    attendance_male_18_29 INTEGER NOT NULL DEFAULT 0,
    attendance_male_30_59 INTEGER NOT NULL DEFAULT 0,
    attendance_male_60_plus INTEGER NOT NULL DEFAULT 0,
    progress_percent INTEGER,
    note TEXT,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX activity_reports_community_idx ON activity_reports (community_id, held_on);
