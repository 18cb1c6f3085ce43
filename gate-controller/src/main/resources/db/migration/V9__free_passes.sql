-- Free passes for one vehicle: a cashier asks, with a reason, for the vehicle waiting at an exit to
-- leave without paying this visit's fee; a supervisor other than the one who asked approves or
-- refuses it once. Together they are the exemption register finance reads.

CREATE TABLE free_passes (
  pass_no     INTEGER PRIMARY KEY,       -- 1, 2, 3, ...
  lane        TEXT    NOT NULL,
  stay_id     INTEGER NOT NULL REFERENCES entries(stay_id),
  card        TEXT,
  plate       TEXT,                      -- as the exit camera read it; NULL when none was read
  fee_minor   INTEGER NOT NULL,          -- this visit's fee the pass would waive
  currency    TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  asked_by    TEXT    NOT NULL,          -- from the asking session
  request_id  TEXT    NOT NULL,
  asked_at    TEXT    NOT NULL
);
CREATE INDEX free_passes_stay ON free_passes(stay_id);

CREATE TABLE free_pass_decisions (
  pass_no     INTEGER PRIMARY KEY REFERENCES free_passes(pass_no), -- decided once
  approved    INTEGER NOT NULL,          -- 1 approved (fee waived, barrier lifted), 0 refused
  decided_by  TEXT    NOT NULL,          -- a supervisor, never the one who asked
  note        TEXT,
  request_id  TEXT    NOT NULL,
  decided_at  TEXT    NOT NULL
);

CREATE TRIGGER free_passes_no_update BEFORE UPDATE ON free_passes BEGIN SELECT RAISE(ABORT, 'ledger is append-only: free passes cannot be changed'); END;
CREATE TRIGGER free_passes_no_delete BEFORE DELETE ON free_passes BEGIN SELECT RAISE(ABORT, 'ledger is append-only: free passes cannot be deleted'); END;
CREATE TRIGGER free_pass_decisions_no_update BEFORE UPDATE ON free_pass_decisions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: free pass decisions cannot be changed'); END;
CREATE TRIGGER free_pass_decisions_no_delete BEFORE DELETE ON free_pass_decisions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: free pass decisions cannot be deleted'); END;
