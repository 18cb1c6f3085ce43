-- Cashier shifts (班次) and their handover reports (交接班). A shift is opened by the cashier at
-- login or by their first payment, and closed at handover with its totals and the chain head.
-- Payments do not name their shift (the payments table is chained and never altered): a shift's
-- payments are its cashier's payments after the shift opened and up to its closing, by payment id,
-- which is exact because a cashier has one open shift at a time and the ledger has one writer.

CREATE TABLE shift_opens (
  shift_no       INTEGER PRIMARY KEY,    -- 1, 2, 3, ... gapless per site, in opening order
  cashier        TEXT    NOT NULL,
  opened_at      TEXT    NOT NULL,
  after_payment  INTEGER NOT NULL,       -- the last payment_id before the shift opened (0: none)
  after_reversal INTEGER NOT NULL,       -- the last reversal_id before the shift opened
  request_id     TEXT    NOT NULL UNIQUE
);

CREATE TABLE shifts (
  shift_no       INTEGER PRIMARY KEY REFERENCES shift_opens(shift_no), -- closed once
  cashier        TEXT    NOT NULL,
  opened_at      TEXT    NOT NULL,
  closed_at      TEXT    NOT NULL,
  last_payment   INTEGER NOT NULL,       -- the last payment_id when the shift closed
  last_reversal  INTEGER NOT NULL,       -- the last reversal_id when the shift closed
  payments       INTEGER NOT NULL,       -- all currencies; per currency in shift_totals
  first_receipt  TEXT,                   -- null for a shift without payments
  last_receipt   TEXT,
  reversals      INTEGER NOT NULL,       -- reversals made during the shift of this cashier's receipts
  chain_link     INTEGER NOT NULL,       -- the chain head when the shift was closed
  chain_head     TEXT    NOT NULL,
  request_id     TEXT    NOT NULL UNIQUE
);

CREATE TABLE shift_totals (
  total_id       INTEGER PRIMARY KEY,
  shift_no       INTEGER NOT NULL REFERENCES shifts(shift_no),
  currency       TEXT    NOT NULL,
  payments       INTEGER NOT NULL,
  paid_minor     INTEGER NOT NULL,
  reversals      INTEGER NOT NULL,
  reversed_minor INTEGER NOT NULL,       -- negative or zero
  UNIQUE (shift_no, currency)
);

CREATE TRIGGER shift_opens_no_update BEFORE UPDATE ON shift_opens BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift openings cannot be changed'); END;
CREATE TRIGGER shift_opens_no_delete BEFORE DELETE ON shift_opens BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift openings cannot be deleted'); END;
CREATE TRIGGER shifts_no_update BEFORE UPDATE ON shifts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift reports cannot be changed'); END;
CREATE TRIGGER shifts_no_delete BEFORE DELETE ON shifts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift reports cannot be deleted'); END;
CREATE TRIGGER shift_totals_no_update BEFORE UPDATE ON shift_totals BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift totals cannot be changed'); END;
CREATE TRIGGER shift_totals_no_delete BEFORE DELETE ON shift_totals BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift totals cannot be deleted'); END;
CREATE INDEX shift_opens_cashier ON shift_opens(cashier, shift_no);
