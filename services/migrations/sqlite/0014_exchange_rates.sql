-- Exchange rates of an organisation by day: the ECB's reference rates, the IMF's annual
-- averages, or rates typed by hand. One rate per pair, day, span and source: importing a file
-- again replaces what it stored.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint names.

CREATE TABLE exchange_rates (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    base TEXT NOT NULL,
    quote TEXT NOT NULL,
    day TEXT NOT NULL,
    span TEXT NOT NULL CHECK (span IN ('day', 'year')),
    source TEXT NOT NULL CHECK (source IN ('ecb', 'imf', 'manual')),
    -- A decimal, as text: never a float.
    rate TEXT NOT NULL,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    CONSTRAINT exchange_rates_key UNIQUE (organisation_id, base, quote, day, span, source)
);

CREATE INDEX exchange_rates_pair_idx ON exchange_rates (organisation_id, base, quote, day);
