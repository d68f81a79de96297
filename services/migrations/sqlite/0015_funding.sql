-- Funding: donors' funding agreements (amount, currency, period, earmark, long-term and
-- flexible flags, reporting), their planned tranches, and transactions (commitments, incoming
-- funds, disbursements, expenditure) against agreements and projects. Role grants may name a
-- donor, the scope of a donor viewer.
-- SQLite dialect; the PostgreSQL twin has the same tables, columns and constraint names.
-- Amounts are exact decimals as text; days ISO text.

CREATE TABLE role_grants_new (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    scope_kind TEXT NOT NULL CHECK (scope_kind IN ('global', 'organisation', 'program', 'project', 'community', 'donor')),
    scope_id INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT role_grants_unique_key UNIQUE (user_id, role, scope_kind, scope_id)
);
INSERT INTO role_grants_new (id, user_id, role, scope_kind, scope_id, created_at)
    SELECT id, user_id, role, scope_kind, scope_id, created_at FROM role_grants;
DROP TABLE role_grants;
ALTER TABLE role_grants_new RENAME TO role_grants;

CREATE TABLE funding_agreements (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    donor_id INTEGER NOT NULL REFERENCES donors (id) ON DELETE RESTRICT,
    title TEXT NOT NULL,
    reference TEXT,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE RESTRICT,
    project_id INTEGER REFERENCES projects (id) ON DELETE RESTRICT,
    component_id INTEGER REFERENCES project_components (id) ON DELETE SET NULL,
    long_term INTEGER NOT NULL CHECK (long_term IN (0, 1)),
    flexible INTEGER NOT NULL CHECK (flexible IN (0, 1)),
    reporting_frequency TEXT NOT NULL CHECK (reporting_frequency IN ('quarterly', 'semiannual', 'annual', 'end_of_agreement')),
    report_due_days INTEGER NOT NULL CHECK (report_due_days BETWEEN 0 AND 365),
    reporting_requirements TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT funding_agreements_dates_check CHECK (end_date > start_date)
);

CREATE INDEX funding_agreements_donor_idx ON funding_agreements (donor_id);
CREATE INDEX funding_agreements_program_idx ON funding_agreements (program_id);

CREATE TABLE funding_tranches (
    id INTEGER PRIMARY KEY,
    agreement_id INTEGER NOT NULL REFERENCES funding_agreements (id) ON DELETE CASCADE,
    due_date TEXT NOT NULL,
    amount TEXT NOT NULL,
    condition TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX funding_tranches_agreement_idx ON funding_tranches (agreement_id);

CREATE TABLE funding_transactions (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('incoming_funds', 'commitment', 'disbursement', 'expenditure')),
    value_date TEXT NOT NULL,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    description TEXT NOT NULL,
    agreement_id INTEGER REFERENCES funding_agreements (id) ON DELETE RESTRICT,
    -- The program it counts in: its project's, else its agreement's.
    program_id INTEGER NOT NULL REFERENCES programs (id) ON DELETE RESTRICT,
    -- Its project: its own, else its agreement's earmark.
    project_id INTEGER REFERENCES projects (id) ON DELETE RESTRICT,
    component_id INTEGER REFERENCES project_components (id) ON DELETE SET NULL,
    budget_line_id INTEGER REFERENCES budget_lines (id) ON DELETE SET NULL,
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    recorded_by_name TEXT NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT funding_transactions_link_check CHECK (agreement_id IS NOT NULL OR project_id IS NOT NULL)
);

CREATE INDEX funding_transactions_agreement_idx ON funding_transactions (agreement_id);
CREATE INDEX funding_transactions_program_idx ON funding_transactions (program_id, value_date);
CREATE INDEX funding_transactions_project_idx ON funding_transactions (project_id, value_date);
