-- Community locations (WGS84 decimal degrees), optional.

ALTER TABLE communities ADD COLUMN longitude DOUBLE PRECISION;
ALTER TABLE communities ADD COLUMN latitude DOUBLE PRECISION;
