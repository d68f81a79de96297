-- The household registry: pseudonymous households with members by sex and age band, cooperative
-- membership, land tenure and title, and their status history. Names and phone numbers are
-- sealed (authenticated encryption with the key from the settings), never stored in clear.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint names.

CREATE TABLE households (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    community_id INTEGER NOT NULL REFERENCES communities (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    head_sex TEXT NOT NULL CHECK (head_sex IN ('female', 'male')),
    head_age_band TEXT NOT NULL CHECK (head_age_band IN ('under_18', '18_29', '30_59', '60_plus')),
    members_female_under_18 INTEGER NOT NULL DEFAULT 0,
    members_female_18_29 INTEGER NOT NULL DEFAULT 0,
    members_female_30_59 INTEGER NOT NULL DEFAULT 0,
    members_female_60_plus INTEGER NOT NULL DEFAULT 0,
    members_male_under_18 INTEGER NOT NULL DEFAULT 0,
    members_male_18_29 INTEGER NOT NULL DEFAULT 0,
    members_male_30_59 INTEGER NOT NULL DEFAULT 0,
    members_male_60_plus INTEGER NOT NULL DEFAULT 0,
    indigenous INTEGER NOT NULL DEFAULT 0,
    cooperative TEXT,
    cooperative_members_female INTEGER NOT NULL DEFAULT 0,
    cooperative_members_male INTEGER NOT NULL DEFAULT 0,
    cooperative_leaders_female INTEGER NOT NULL DEFAULT 0,
    cooperative_leaders_male INTEGER NOT NULL DEFAULT 0,
    land_tenure TEXT NOT NULL,
    title_holder TEXT,
    enrolled_on TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('enrolled', 'active', 'suspended', 'withdrawn')),
    status_since TEXT NOT NULL,
    -- "v1." + base64(nonce ‖ ciphertext ‖ tag); NULL when not given.
    name_sealed TEXT,
    phone_sealed TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT households_code_key UNIQUE (code)
);

CREATE INDEX households_project_idx ON households (project_id, status);
CREATE INDEX households_community_idx ON households (community_id);

CREATE TABLE household_status_changes (
    id INTEGER PRIMARY KEY,
    household_id INTEGER NOT NULL REFERENCES households (id) ON DELETE CASCADE,
    status TEXT NOT NULL CHECK (status IN ('enrolled', 'active', 'suspended', 'withdrawn')),
    changed_on TEXT NOT NULL,
    reason TEXT,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    recorded_at TEXT NOT NULL
);

CREATE INDEX household_status_changes_household_idx ON household_status_changes (household_id);
