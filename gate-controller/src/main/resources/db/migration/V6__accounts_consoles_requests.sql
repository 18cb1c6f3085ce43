-- Authority: people's accounts and the enrolled consoles, as append-only chained rows of changes
-- (the latest row for a name is its state), and the one table of request ids that makes every
-- command idempotent across restarts of console and controller.

CREATE TABLE accounts (
  row_id        INTEGER PRIMARY KEY,     -- 1, 2, 3, ...
  username      TEXT    NOT NULL,
  action        TEXT    NOT NULL,        -- add | passwd | role | disable | enable | lock | unlock
  display_name  TEXT    NOT NULL,
  role          TEXT    NOT NULL,        -- a Role name
  password_hash TEXT    NOT NULL,        -- PBKDF2, as PasswordHasher writes it
  demo          INTEGER NOT NULL,        -- 1: still on the published demo password
  enabled       INTEGER NOT NULL,        -- 0: disabled by an admin
  locked        INTEGER NOT NULL,        -- 1: locked after too many wrong passwords
  by_whom       TEXT    NOT NULL,        -- who made the change ('controller' for a lock)
  reason        TEXT,
  recorded_at   TEXT    NOT NULL         -- ISO-8601 instant, UTC
);
CREATE INDEX accounts_username ON accounts(username, row_id);

CREATE TABLE consoles (
  row_id          INTEGER PRIMARY KEY,
  console_id      TEXT    NOT NULL,
  action          TEXT    NOT NULL,      -- add | disable | enable
  credential_hash TEXT    NOT NULL,      -- SHA-256 of the console's random credential, hex
  roles           TEXT    NOT NULL,      -- the Role names that may log in there, comma-separated
  enabled         INTEGER NOT NULL,
  by_whom         TEXT    NOT NULL,
  recorded_at     TEXT    NOT NULL
);
CREATE INDEX consoles_id ON consoles(console_id, row_id);

-- Every command that changes something, by its request id, with the first result as sent.
CREATE TABLE requests (
  row_id      INTEGER PRIMARY KEY,
  request_id  TEXT    NOT NULL UNIQUE,
  console_id  TEXT    NOT NULL,          -- a replay is answered only to the console that sent it
  username    TEXT,                      -- who acted (from the session)
  command     TEXT    NOT NULL,          -- the command's type name on the API
  result_json TEXT    NOT NULL,          -- the CommandResult first sent
  recorded_at TEXT    NOT NULL
);

-- What the controller refused for want of authority: a console it does not know, a command a
-- role may not give, a login locked. Kept for the site's IT and auditors.
CREATE TABLE security_events (
  row_id      INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL,          -- console-refused | forbidden | same-person | account-locked
  console_id  TEXT,
  username    TEXT,
  source      TEXT,                      -- the remote address
  detail      TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
);

CREATE TRIGGER accounts_no_update BEFORE UPDATE ON accounts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: accounts cannot be changed'); END;
CREATE TRIGGER accounts_no_delete BEFORE DELETE ON accounts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: accounts cannot be deleted'); END;
CREATE TRIGGER consoles_no_update BEFORE UPDATE ON consoles BEGIN SELECT RAISE(ABORT, 'ledger is append-only: consoles cannot be changed'); END;
CREATE TRIGGER consoles_no_delete BEFORE DELETE ON consoles BEGIN SELECT RAISE(ABORT, 'ledger is append-only: consoles cannot be deleted'); END;
CREATE TRIGGER requests_no_update BEFORE UPDATE ON requests BEGIN SELECT RAISE(ABORT, 'ledger is append-only: requests cannot be changed'); END;
CREATE TRIGGER requests_no_delete BEFORE DELETE ON requests BEGIN SELECT RAISE(ABORT, 'ledger is append-only: requests cannot be deleted'); END;
CREATE TRIGGER security_events_no_update BEFORE UPDATE ON security_events BEGIN SELECT RAISE(ABORT, 'ledger is append-only: security events cannot be changed'); END;
CREATE TRIGGER security_events_no_delete BEFORE DELETE ON security_events BEGIN SELECT RAISE(ABORT, 'ledger is append-only: security events cannot be deleted'); END;
