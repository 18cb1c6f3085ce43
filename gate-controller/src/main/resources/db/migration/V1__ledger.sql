-- The ledger: stays, payments and the event stream pushed to consoles.
-- Money and decisions are append-only: triggers below refuse UPDATE and DELETE.

CREATE TABLE entries (
  stay_id    INTEGER PRIMARY KEY,
  card       TEXT    NOT NULL,
  lane       TEXT    NOT NULL,
  entered_at TEXT    NOT NULL          -- ISO-8601 instant, UTC
);
CREATE INDEX entries_card ON entries(card);

CREATE TABLE exits (
  stay_id   INTEGER PRIMARY KEY REFERENCES entries(stay_id),
  lane      TEXT    NOT NULL,
  exited_at TEXT    NOT NULL
);

CREATE TABLE payments (
  payment_id   INTEGER PRIMARY KEY,
  receipt_seq  INTEGER NOT NULL UNIQUE, -- gapless per site: 1, 2, 3, ...
  receipt_no   TEXT    NOT NULL UNIQUE,
  stay_id      INTEGER NOT NULL REFERENCES entries(stay_id),
  lane         TEXT    NOT NULL,
  amount_minor INTEGER NOT NULL,
  currency     TEXT    NOT NULL,
  method       TEXT    NOT NULL,       -- cash
  cashier      TEXT    NOT NULL,
  request_id   TEXT    NOT NULL UNIQUE, -- a retried command finds its first result here
  paid_at      TEXT    NOT NULL
);
CREATE INDEX payments_stay ON payments(stay_id);

CREATE TABLE events (
  seq         INTEGER PRIMARY KEY,     -- the sequence consoles resume from
  recorded_at TEXT    NOT NULL,
  lane        TEXT,
  json        TEXT    NOT NULL
);

CREATE TRIGGER entries_no_update BEFORE UPDATE ON entries BEGIN SELECT RAISE(ABORT, 'ledger is append-only: entries cannot be changed'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries BEGIN SELECT RAISE(ABORT, 'ledger is append-only: entries cannot be deleted'); END;
CREATE TRIGGER exits_no_update BEFORE UPDATE ON exits BEGIN SELECT RAISE(ABORT, 'ledger is append-only: exits cannot be changed'); END;
CREATE TRIGGER exits_no_delete BEFORE DELETE ON exits BEGIN SELECT RAISE(ABORT, 'ledger is append-only: exits cannot be deleted'); END;
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments BEGIN SELECT RAISE(ABORT, 'ledger is append-only: payments cannot be changed'); END;
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments BEGIN SELECT RAISE(ABORT, 'ledger is append-only: payments cannot be deleted'); END;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'ledger is append-only: events cannot be changed'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'ledger is append-only: events cannot be deleted'); END;
