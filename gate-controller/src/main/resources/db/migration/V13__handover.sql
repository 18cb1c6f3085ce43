-- The shift from float to handover: IC cards and receipts counted blind at closing against what
-- the ledger expects, incidents resolved with a note before a shift may close, handovers accepted
-- by the incoming cashier with their own password, and copies of shift reports printed again.
-- Every table is append-only and joined to the hash chain.

CREATE TABLE shift_item_counts (
  shift_no          INTEGER PRIMARY KEY REFERENCES shifts(shift_no), -- written with the close
  expected_cards    INTEGER NOT NULL,  -- exit-lane payments, less lost cards and season cards
  counted_cards     INTEGER NOT NULL,  -- IC cards taken back, counted blind
  expected_receipts INTEGER NOT NULL,  -- the shift's payments
  counted_receipts  INTEGER NOT NULL   -- receipt stubs counted blind
);

CREATE TABLE incident_resolutions (
  incident_id  INTEGER PRIMARY KEY REFERENCES incidents(incident_id), -- resolved once
  note         TEXT    NOT NULL,       -- what was done, 1-200 characters
  resolved_by  TEXT    NOT NULL,       -- the session's person
  console_id   TEXT    NOT NULL,
  request_id   TEXT    NOT NULL UNIQUE,
  resolved_at  TEXT    NOT NULL
);

CREATE TABLE handovers (
  handover_id   INTEGER PRIMARY KEY,
  closed_shift  INTEGER NOT NULL UNIQUE REFERENCES shifts(shift_no),
  opened_shift  INTEGER NOT NULL UNIQUE REFERENCES shift_opens(shift_no),
  from_cashier  TEXT    NOT NULL,      -- the outgoing cashier's session
  to_cashier    TEXT    NOT NULL,      -- the incoming cashier, by their own password
  console_id    TEXT    NOT NULL,      -- the booth where both stood
  request_id    TEXT    NOT NULL UNIQUE,
  handed_at     TEXT    NOT NULL
);

CREATE TABLE shift_report_reprints (
  reprint_id    INTEGER PRIMARY KEY,
  shift_no      INTEGER NOT NULL REFERENCES shifts(shift_no),
  console_id    TEXT    NOT NULL,
  printed_by    TEXT    NOT NULL,
  request_id    TEXT    NOT NULL UNIQUE,
  reprinted_at  TEXT    NOT NULL
);
CREATE INDEX shift_report_reprints_shift ON shift_report_reprints(shift_no, reprint_id);

CREATE TRIGGER shift_item_counts_no_update BEFORE UPDATE ON shift_item_counts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift item counts cannot be changed'); END;
CREATE TRIGGER shift_item_counts_no_delete BEFORE DELETE ON shift_item_counts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift item counts cannot be deleted'); END;
CREATE TRIGGER incident_resolutions_no_update BEFORE UPDATE ON incident_resolutions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: incident resolutions cannot be changed'); END;
CREATE TRIGGER incident_resolutions_no_delete BEFORE DELETE ON incident_resolutions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: incident resolutions cannot be deleted'); END;
CREATE TRIGGER handovers_no_update BEFORE UPDATE ON handovers BEGIN SELECT RAISE(ABORT, 'ledger is append-only: handovers cannot be changed'); END;
CREATE TRIGGER handovers_no_delete BEFORE DELETE ON handovers BEGIN SELECT RAISE(ABORT, 'ledger is append-only: handovers cannot be deleted'); END;
CREATE TRIGGER shift_report_reprints_no_update BEFORE UPDATE ON shift_report_reprints BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift report reprints cannot be changed'); END;
CREATE TRIGGER shift_report_reprints_no_delete BEFORE DELETE ON shift_report_reprints BEGIN SELECT RAISE(ABORT, 'ledger is append-only: shift report reprints cannot be deleted'); END;
