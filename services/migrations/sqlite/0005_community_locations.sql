-- Community locations (WGS84 decimal degrees), optional.

ALTER TABLE communities ADD COLUMN longitude REAL;
ALTER TABLE communities ADD COLUMN latitude REAL;
