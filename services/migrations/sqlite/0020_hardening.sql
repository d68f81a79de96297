-- Failed sign-ins counted per account and client address, updated in one statement: a run of
-- failures locks the account from that address only, so nobody can keep its owner out by
-- guessing from elsewhere. (users.failed_logins and users.locked_until are no longer used.)
-- The personal-data key's check value: a fixed text sealed with the key the data is sealed
-- with, so that a server started with another key (or a new one made because the key file went
-- missing) refuses to start instead of writing data nobody can open.
-- SQLite dialect; the PostgreSQL twin has the same tables and columns.

CREATE TABLE login_failures (
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    failures INTEGER NOT NULL,
    last_failed_at TEXT NOT NULL,
    locked_until TEXT,
    PRIMARY KEY (user_id, address)
);

CREATE TABLE sealing_key_check (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    check_value TEXT NOT NULL,
    created_at TEXT NOT NULL
);
