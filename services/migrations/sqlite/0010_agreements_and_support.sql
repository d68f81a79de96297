-- Voluntary eradication agreements with their verification visits, and the support delivered to
-- households (the sequencing check compares the two). Money is decimal text in its currency.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint names.

CREATE TABLE support_deliveries (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('cash_transfer', 'food_security', 'inputs', 'technical_assistance', 'training')),
    delivered_on TEXT NOT NULL,
    value TEXT NOT NULL,
    currency TEXT NOT NULL,
    description TEXT,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX support_deliveries_household_idx ON support_deliveries (household_id, delivered_on);

CREATE TABLE eradication_agreements (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    signed_on TEXT NOT NULL,
    crop TEXT NOT NULL CHECK (crop IN ('coca_bush', 'opium_poppy', 'cannabis_plant')),
    committed_hectares TEXT NOT NULL,
    eradicate_by TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX eradication_agreements_household_idx ON eradication_agreements (household_id);

CREATE TABLE agreement_verifications (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES eradication_agreements (id) ON DELETE CASCADE,
    visited_on TEXT NOT NULL,
    method TEXT NOT NULL CHECK (method IN ('field_visit', 'satellite_imagery', 'drone', 'community_committee')),
    eradicated_hectares TEXT NOT NULL,
    illicit_hectares_found TEXT NOT NULL,
    note TEXT,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX agreement_verifications_agreement_idx ON agreement_verifications (agreement_id, visited_on);
