-- Reversing entries, daily closures (Z-reports) and the SHA-256 hash chain over every ledger row.
-- Existing rows are chained by the migration step in HashChain, in the same transaction.

CREATE TABLE reversals (
  reversal_id  INTEGER PRIMARY KEY,      -- 1, 2, 3, ...
  payment_id   INTEGER NOT NULL UNIQUE REFERENCES payments(payment_id), -- the original, reversed once
  amount_minor INTEGER NOT NULL,         -- the original's amount, negated
  currency     TEXT    NOT NULL,
  supervisor   TEXT    NOT NULL,
  reason       TEXT    NOT NULL,
  request_id   TEXT    NOT NULL UNIQUE,
  reversed_at  TEXT    NOT NULL
);

CREATE TABLE zreports (
  z_no           INTEGER PRIMARY KEY,    -- 1, 2, 3, ... one per business day, empty days included
  business_day   TEXT    NOT NULL UNIQUE, -- yyyy-mm-dd in the site's zone
  zone           TEXT    NOT NULL,
  payments       INTEGER NOT NULL,
  gross_minor    INTEGER NOT NULL,
  first_receipt  TEXT,                   -- null on a day with no payments
  last_receipt   TEXT,
  reversals      INTEGER NOT NULL,
  reversed_minor INTEGER NOT NULL,       -- negative or zero
  net_minor      INTEGER NOT NULL,
  currency       TEXT    NOT NULL,
  chain_link     INTEGER NOT NULL,       -- the chain head when the day was closed
  chain_head     TEXT    NOT NULL,
  closed_at      TEXT    NOT NULL
);

-- One link per ledger row, in commit order: hash = SHA-256(previous hash || canonical row).
CREATE TABLE chain (
  link   INTEGER PRIMARY KEY,            -- 1, 2, 3, ...
  tbl    TEXT    NOT NULL,
  row_id INTEGER NOT NULL,
  hash   TEXT    NOT NULL,               -- lower-case hex
  UNIQUE (tbl, row_id)
);

CREATE TRIGGER reversals_no_update BEFORE UPDATE ON reversals BEGIN SELECT RAISE(ABORT, 'ledger is append-only: reversals cannot be changed'); END;
CREATE TRIGGER reversals_no_delete BEFORE DELETE ON reversals BEGIN SELECT RAISE(ABORT, 'ledger is append-only: reversals cannot be deleted'); END;
CREATE TRIGGER zreports_no_update BEFORE UPDATE ON zreports BEGIN SELECT RAISE(ABORT, 'ledger is append-only: Z-reports cannot be changed'); END;
CREATE TRIGGER zreports_no_delete BEFORE DELETE ON zreports BEGIN SELECT RAISE(ABORT, 'ledger is append-only: Z-reports cannot be deleted'); END;
CREATE TRIGGER chain_no_update BEFORE UPDATE ON chain BEGIN SELECT RAISE(ABORT, 'ledger is append-only: the hash chain cannot be changed'); END;
CREATE TRIGGER chain_no_delete BEFORE DELETE ON chain BEGIN SELECT RAISE(ABORT, 'ledger is append-only: the hash chain cannot be changed'); END;
