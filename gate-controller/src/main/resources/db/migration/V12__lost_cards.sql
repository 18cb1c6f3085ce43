-- The lost-card register (停车卡遗失登记表): each loss registered at an exit with the driver's form,
-- the vehicle as both cameras saw it, and the fee it asks; and, where the site requires it, the
-- one approval or refusal by a supervisor or finance other than the one who registered it.

CREATE TABLE lost_cards (
  lost_card_no    INTEGER PRIMARY KEY,   -- 1, 2, 3, ...
  lane            TEXT    NOT NULL,
  stay_id         INTEGER REFERENCES entries(stay_id), -- the stay it leaves on, when known yet
  matched         INTEGER NOT NULL,      -- 1: the stay is the matched entry; 0: nothing matched
  card            TEXT,                  -- the lost card, when matched
  plate           TEXT    NOT NULL,      -- as the driver gave it on the form
  entry_plate     TEXT,                  -- as the entry camera read it; NULL when none
  exit_plate      TEXT,                  -- as the exit camera read it; NULL when none
  vehicle_class   TEXT    NOT NULL,
  colour          TEXT    NOT NULL,
  driver_name     TEXT    NOT NULL,
  phone           TEXT    NOT NULL,
  id_number       TEXT    NOT NULL,
  circumstances   TEXT    NOT NULL,
  parking_minor   INTEGER NOT NULL,      -- the parking fee: the matched stay's, or the tariff's rule
  replacement_minor INTEGER NOT NULL,    -- the card replacement fee (工本费)
  currency        TEXT    NOT NULL,
  fee_lines       TEXT    NOT NULL,      -- the fee's explanation, one line per row: rule \t amount
  approval        TEXT    NOT NULL,      -- none, supervisor, finance, supervisor-or-finance
  registered_by   TEXT    NOT NULL,      -- from the session
  shift_no        INTEGER,               -- the registering cashier's open shift, if any
  request_id      TEXT    NOT NULL,
  registered_at   TEXT    NOT NULL
);
CREATE INDEX lost_cards_stay ON lost_cards(stay_id);

CREATE TABLE lost_card_decisions (
  lost_card_no    INTEGER PRIMARY KEY REFERENCES lost_cards(lost_card_no), -- decided once
  approved        INTEGER NOT NULL,
  stay_id         INTEGER REFERENCES entries(stay_id), -- the stay released: matched or opened for it
  decided_by      TEXT    NOT NULL,      -- never the one who registered it
  role            TEXT    NOT NULL,
  note            TEXT,
  request_id      TEXT    NOT NULL,
  decided_at      TEXT    NOT NULL
);

CREATE TRIGGER lost_cards_no_update BEFORE UPDATE ON lost_cards BEGIN SELECT RAISE(ABORT, 'ledger is append-only: lost cards cannot be changed'); END;
CREATE TRIGGER lost_cards_no_delete BEFORE DELETE ON lost_cards BEGIN SELECT RAISE(ABORT, 'ledger is append-only: lost cards cannot be deleted'); END;
CREATE TRIGGER lost_card_decisions_no_update BEFORE UPDATE ON lost_card_decisions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: lost card decisions cannot be changed'); END;
CREATE TRIGGER lost_card_decisions_no_delete BEFORE DELETE ON lost_card_decisions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: lost card decisions cannot be deleted'); END;
