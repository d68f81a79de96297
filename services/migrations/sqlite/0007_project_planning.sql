-- Project planning: illicit-crop baselines, components and activities, milestones, budget lines,
-- livelihood plans with their value chains, the results framework (results, indicators,
-- targets) and safeguards. SQLite dialect; the PostgreSQL twin has the same tables, columns and
-- constraint names. Decimals are exact text; dates ISO text; months are their first day.

CREATE TABLE illicit_crop_baselines (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    community_id INTEGER REFERENCES communities (id) ON DELETE CASCADE,
    -- The place as named: the community's name, or a department, municipality or zone.
    place TEXT NOT NULL,
    -- The place folded for matching (lower case, no accents, single spaces).
    place_key TEXT NOT NULL,
    crop TEXT NOT NULL CHECK (crop IN ('coca_bush', 'opium_poppy', 'cannabis_plant')),
    year INTEGER NOT NULL CHECK (year BETWEEN 1990 AND 2100),
    hectares TEXT NOT NULL,
    source TEXT NOT NULL CHECK (source IN ('household_declaration', 'field_verification', 'satellite_survey')),
    note TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT illicit_crop_baselines_figure_key UNIQUE (project_id, place_key, crop, year, source)
);

CREATE INDEX illicit_crop_baselines_project_idx ON illicit_crop_baselines (project_id);

CREATE TABLE project_components (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    CONSTRAINT project_components_project_name_key UNIQUE (project_id, name)
);

CREATE INDEX project_components_project_idx ON project_components (project_id);

CREATE TABLE livelihood_plans (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    community_id INTEGER REFERENCES communities (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    households INTEGER NOT NULL CHECK (households > 0),
    illicit_income_monthly TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    eradication_month TEXT NOT NULL,
    horizon_months INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT livelihood_plans_project_name_key UNIQUE (project_id, name)
);

CREATE INDEX livelihood_plans_project_idx ON livelihood_plans (project_id);

CREATE TABLE livelihood_value_chains (
    plan_id INTEGER NOT NULL REFERENCES livelihood_plans (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    crop TEXT NOT NULL,
    hectares TEXT NOT NULL,
    planting_month TEXT NOT NULL,
    -- Kilograms per hectare by year since planting, as a JSON array of decimal strings.
    yield_curve TEXT NOT NULL,
    price_per_kg TEXT NOT NULL,
    market_channel TEXT NOT NULL,
    certification TEXT,
    PRIMARY KEY (plan_id, position)
);

CREATE TABLE budget_lines (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    component_id INTEGER REFERENCES project_components (id) ON DELETE SET NULL,
    code TEXT NOT NULL,
    description TEXT NOT NULL,
    year INTEGER,
    amount TEXT NOT NULL,
    currency TEXT NOT NULL CHECK (length(currency) = 3),
    origin TEXT NOT NULL CHECK (origin IN ('manual', 'bridging_support')),
    livelihood_plan_id INTEGER REFERENCES livelihood_plans (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT budget_lines_project_code_key UNIQUE (project_id, code)
);

CREATE INDEX budget_lines_project_idx ON budget_lines (project_id);

CREATE TABLE activities (
    id INTEGER PRIMARY KEY,
    component_id INTEGER NOT NULL REFERENCES project_components (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    partner_kind TEXT NOT NULL,
    partner_name TEXT,
    budget_line_id INTEGER REFERENCES budget_lines (id) ON DELETE SET NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CONSTRAINT activities_dates_check CHECK (end_date >= start_date)
);

CREATE INDEX activities_component_idx ON activities (component_id);

CREATE TABLE milestones (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    component_id INTEGER REFERENCES project_components (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    due_date TEXT NOT NULL,
    status TEXT NOT NULL,
    reached_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX milestones_project_idx ON milestones (project_id);

CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    parent_id INTEGER REFERENCES results (id) ON DELETE RESTRICT,
    level TEXT NOT NULL CHECK (level IN ('goal', 'outcome', 'output')),
    code TEXT,
    statement TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX results_project_idx ON results (project_id);

CREATE TABLE indicators (
    id INTEGER PRIMARY KEY,
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    result_id INTEGER NOT NULL REFERENCES results (id) ON DELETE RESTRICT,
    library_code TEXT,
    name TEXT,
    unit TEXT NOT NULL,
    baseline_value TEXT,
    baseline_year INTEGER,
    disaggregation TEXT NOT NULL,
    data_source TEXT,
    frequency TEXT NOT NULL,
    responsible_role TEXT NOT NULL,
    description TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX indicators_project_idx ON indicators (project_id);

CREATE TABLE indicator_targets (
    indicator_id INTEGER NOT NULL REFERENCES indicators (id) ON DELETE CASCADE,
    period TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (indicator_id, period)
);

CREATE TABLE safeguards (
    project_id INTEGER NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('fpic', 'traditional_uses', 'human_rights', 'environment', 'sequencing')),
    status TEXT NOT NULL,
    evidence TEXT,
    assessed_on TEXT,
    updated_at TEXT NOT NULL,
    updated_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    PRIMARY KEY (project_id, kind)
);
