-- Households' plots and what grows on them over time, licit and illicit, in hectares. A plot is
-- a boundary (GeoJSON MultiPolygon, measured on the ellipsoid) or a GPS point; its longitude and
-- latitude are the point or the boundary's centroid. Exact places are personal data: the
-- server answers them only to roles that may see personal data.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint names.

CREATE TABLE plots (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    declared_hectares TEXT NOT NULL,
    measured_hectares TEXT,
    boundary TEXT,
    longitude REAL NOT NULL,
    latitude REAL NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT plots_household_name_key UNIQUE (household_id, name)
);

CREATE TABLE plot_uses (
    id INTEGER PRIMARY KEY,
    plot_id INTEGER NOT NULL REFERENCES plots (id) ON DELETE CASCADE,
    observed_on TEXT NOT NULL,
    crop TEXT NOT NULL,
    hectares TEXT NOT NULL,
    source TEXT NOT NULL,
    note TEXT,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    -- A new figure for the same crop on the same day replaces the old one.
    CONSTRAINT plot_uses_plot_day_crop_key UNIQUE (plot_id, observed_on, crop)
);

CREATE INDEX plot_uses_plot_idx ON plot_uses (plot_id, observed_on);
