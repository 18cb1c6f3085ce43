-- An entry's vehicle seen through the barrier: written when it clears the entry lane's loops. A stay
-- at an entry lane with neither a passage nor an exit was recorded for a vehicle never seen passing
-- (the controller stopped during the entry, or the vehicle backed off before the arm opened); the
-- controller names each at start. Stays entered before this table existed are not judged by it.

CREATE TABLE entry_passages (
  stay_id    INTEGER PRIMARY KEY,       -- the stay entered
  lane       TEXT    NOT NULL,
  passed_at  TEXT    NOT NULL
);

CREATE TABLE entry_passages_since (
  first_stay INTEGER NOT NULL           -- the first stay whose passage is recorded
);
INSERT INTO entry_passages_since SELECT COALESCE(MAX(stay_id), 0) + 1 FROM entries;

CREATE TRIGGER entry_passages_no_update BEFORE UPDATE ON entry_passages BEGIN SELECT RAISE(ABORT, 'ledger is append-only: entry passages cannot be changed'); END;
CREATE TRIGGER entry_passages_no_delete BEFORE DELETE ON entry_passages BEGIN SELECT RAISE(ABORT, 'ledger is append-only: entry passages cannot be deleted'); END;
CREATE TRIGGER entry_passages_since_no_update BEFORE UPDATE ON entry_passages_since BEGIN SELECT RAISE(ABORT, 'ledger is append-only: the passage start cannot be changed'); END;
CREATE TRIGGER entry_passages_since_no_delete BEFORE DELETE ON entry_passages_since BEGIN SELECT RAISE(ABORT, 'ledger is append-only: the passage start cannot be changed'); END;
