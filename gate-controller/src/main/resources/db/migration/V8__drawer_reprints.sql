-- The booth's cash drawer opened with no sale, and copies of receipts printed again: each
-- recorded, with who and why, before the console kicks the drawer or prints the copy.

CREATE TABLE drawer_openings (
  opening_id  INTEGER PRIMARY KEY,     -- 1, 2, 3, ...
  console_id  TEXT    NOT NULL,        -- the booth whose drawer opened
  opened_by   TEXT    NOT NULL,        -- the session's person
  reason      TEXT    NOT NULL,
  request_id  TEXT    NOT NULL UNIQUE,
  opened_at   TEXT    NOT NULL         -- ISO-8601 instant, UTC
);

CREATE TABLE receipt_reprints (
  reprint_id   INTEGER PRIMARY KEY,
  payment_id   INTEGER NOT NULL REFERENCES payments(payment_id),
  console_id   TEXT    NOT NULL,
  printed_by   TEXT    NOT NULL,
  request_id   TEXT    NOT NULL UNIQUE,
  reprinted_at TEXT    NOT NULL
);
CREATE INDEX receipt_reprints_payment ON receipt_reprints(payment_id, reprint_id);

CREATE TRIGGER drawer_openings_no_update BEFORE UPDATE ON drawer_openings BEGIN SELECT RAISE(ABORT, 'ledger is append-only: drawer openings cannot be changed'); END;
CREATE TRIGGER drawer_openings_no_delete BEFORE DELETE ON drawer_openings BEGIN SELECT RAISE(ABORT, 'ledger is append-only: drawer openings cannot be deleted'); END;
CREATE TRIGGER receipt_reprints_no_update BEFORE UPDATE ON receipt_reprints BEGIN SELECT RAISE(ABORT, 'ledger is append-only: receipt reprints cannot be changed'); END;
CREATE TRIGGER receipt_reprints_no_delete BEFORE DELETE ON receipt_reprints BEGIN SELECT RAISE(ABORT, 'ledger is append-only: receipt reprints cannot be deleted'); END;
