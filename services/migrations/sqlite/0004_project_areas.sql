-- Project areas (polygons, WGS84) with their geodesic area. SQLite dialect.

CREATE TABLE project_areas (
    project_id INTEGER PRIMARY KEY REFERENCES projects (id) ON DELETE CASCADE,
    geojson TEXT NOT NULL,
    hectares TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
