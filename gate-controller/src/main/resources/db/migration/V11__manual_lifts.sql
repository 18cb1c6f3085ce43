-- Barriers lifted by hand from a booth: who, why, and the vehicle let out.

CREATE TABLE manual_lifts (
  lift_no     INTEGER PRIMARY KEY,       -- 1, 2, 3, ...
  lane        TEXT    NOT NULL,
  stay_id     INTEGER,                   -- NULL when the vehicle's card was never read
  due_minor   INTEGER,                   -- what the exit asked then; NULL when nothing was asked
  currency    TEXT,
  reason      TEXT    NOT NULL,
  lifted_by   TEXT    NOT NULL,          -- from the session
  request_id  TEXT    NOT NULL,
  lifted_at   TEXT    NOT NULL
);

CREATE TRIGGER manual_lifts_no_update BEFORE UPDATE ON manual_lifts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: manual lifts cannot be changed'); END;
CREATE TRIGGER manual_lifts_no_delete BEFORE DELETE ON manual_lifts BEGIN SELECT RAISE(ABORT, 'ledger is append-only: manual lifts cannot be deleted'); END;
