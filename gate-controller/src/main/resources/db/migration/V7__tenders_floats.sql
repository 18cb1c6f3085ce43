-- Tenders and drawers. How each payment was paid (cash with the amount tendered and the change
-- given, a bank card or a mobile payment with its reference), the float counted into the drawer
-- when a shift opens, cash dropped for deposit during it, and the blind count when it closes with
-- the cash expected and the variance.
-- New tables rather than new columns: the chained payments and shifts rows hash as they were
-- written. A payment with no payment_tenders row was exact cash (before this migration).

CREATE TABLE payment_tenders (
  payment_id     INTEGER PRIMARY KEY REFERENCES payments(payment_id),
  shift_no       INTEGER NOT NULL REFERENCES shift_opens(shift_no), -- the shift that took it
  tender         TEXT    NOT NULL,       -- cash | card | mobile
  currency       TEXT    NOT NULL,
  tendered_minor INTEGER NOT NULL,       -- what the driver handed over (the fee, but for cash)
  change_minor   INTEGER NOT NULL,       -- given back: tendered - the payment's amount
  reference      TEXT                    -- card terminal or payment app number; null for cash
);

CREATE TABLE shift_floats (
  shift_no       INTEGER PRIMARY KEY REFERENCES shift_opens(shift_no),
  currency       TEXT    NOT NULL,
  float_minor    INTEGER NOT NULL,
  pieces         TEXT    NOT NULL,       -- face_minor:count,... largest first ('' for none)
  request_id     TEXT    NOT NULL UNIQUE
);

CREATE TABLE shift_counts (
  shift_no        INTEGER PRIMARY KEY REFERENCES shifts(shift_no), -- written with the close
  currency        TEXT    NOT NULL,
  float_minor     INTEGER NOT NULL,
  cash_in_minor   INTEGER NOT NULL,      -- cash tendered in the shift
  change_minor    INTEGER NOT NULL,      -- change given
  reversed_minor  INTEGER NOT NULL,      -- cash handed back by reversals (negative or zero)
  dropped_minor   INTEGER NOT NULL,      -- cash dropped for deposit
  expected_minor  INTEGER NOT NULL,      -- float + cash in - change + reversed - dropped
  counted_minor   INTEGER NOT NULL,      -- the blind count's total
  variance_minor  INTEGER NOT NULL,      -- counted - expected: over (+) or short (-)
  pieces          TEXT    NOT NULL       -- the blind count, face_minor:count,...
);

CREATE TABLE shift_tender_totals (
  total_id       INTEGER PRIMARY KEY,
  shift_no       INTEGER NOT NULL REFERENCES shifts(shift_no),
  tender         TEXT    NOT NULL,
  currency       TEXT    NOT NULL,
  payments       INTEGER NOT NULL,
  taken_minor    INTEGER NOT NULL,
  UNIQUE (shift_no, tender, currency)
);

CREATE TABLE cash_drops (
  drop_id        INTEGER PRIMARY KEY,
  shift_no       INTEGER NOT NULL REFERENCES shift_opens(shift_no),
  currency       TEXT    NOT NULL,
  amount_minor   INTEGER NOT NULL,       -- taken out of the drawer for deposit (缴款), positive
  by_whom        TEXT    NOT NULL,       -- the person whose session recorded it
  request_id     TEXT    NOT NULL UNIQUE,
  dropped_at     TEXT    NOT NULL
);

CREATE TRIGGER cash_drops_no_update BEFORE UPDATE ON cash_drops BEGIN SELECT RAISE(ABORT, 'ledger is append-only: cash drops cannot be changed'); END;
CREATE TRIGGER cash_drops_no_delete BEFORE DELETE ON cash_drops BEGIN SELECT RAISE(ABORT, 'ledger is append-only: cash drops cannot be deleted'); END;
CREATE TRIGGER payment_tenders_no_update BEFORE UPDATE ON payment_tenders BEGIN SELECT RAISE(ABORT, 'ledger is append-only: payment tenders cannot be changed'); END;
CREATE TRIGGER payment_tenders_no_delete BEFORE DELETE ON payment_tenders BEGIN SELECT RAISE(ABORT, 'ledger is append-only: payment tenders cannot be deleted'); END;
CREATE TRIGGER shift_floats_no_update BEFORE UPDATE ON shift_floats BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift floats cannot be changed'); END;
CREATE TRIGGER shift_floats_no_delete BEFORE DELETE ON shift_floats BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift floats cannot be deleted'); END;
CREATE TRIGGER shift_counts_no_update BEFORE UPDATE ON shift_counts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift counts cannot be changed'); END;
CREATE TRIGGER shift_counts_no_delete BEFORE DELETE ON shift_counts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift counts cannot be deleted'); END;
CREATE TRIGGER shift_tender_totals_no_update BEFORE UPDATE ON shift_tender_totals BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift tender totals cannot be changed'); END;
CREATE TRIGGER shift_tender_totals_no_delete BEFORE DELETE ON shift_tender_totals BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift tender totals cannot be deleted'); END;
CREATE INDEX payment_tenders_shift ON payment_tenders(shift_no);
