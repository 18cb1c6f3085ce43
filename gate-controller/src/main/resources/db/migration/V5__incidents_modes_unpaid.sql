-- Incidents kept for finance, lane modes set by supervisors and the free passes they allowed,
-- what plate cameras saw at entry and exit, and balances left unpaid by plate and their settling.
-- Every table is append-only and joined to the hash chain (ChainedTable) row by row.

CREATE TABLE incidents (
  incident_id INTEGER PRIMARY KEY,       -- 1, 2, 3, ...
  kind        TEXT    NOT NULL,          -- an IncidentKind name
  lane        TEXT    NOT NULL,
  card        TEXT,                      -- null when no card was involved
  plate       TEXT,                      -- null without a camera
  detail      TEXT,
  at          TEXT    NOT NULL           -- ISO-8601 instant, UTC
);
CREATE INDEX incidents_at ON incidents(at);

CREATE TABLE lane_mode_changes (
  change_id  INTEGER PRIMARY KEY,
  lane       TEXT    NOT NULL,
  mode       TEXT    NOT NULL,           -- a LaneMode name
  changed_by TEXT    NOT NULL,           -- the supervisor
  reason     TEXT    NOT NULL,
  request_id TEXT    NOT NULL UNIQUE,    -- a retried command finds its first result here
  changed_at TEXT    NOT NULL
);
CREATE INDEX lane_mode_changes_lane ON lane_mode_changes(lane, change_id);

-- What the tariff would have charged a stay let out free, and the mode change that allowed it.
CREATE TABLE waivers (
  waiver_id    INTEGER PRIMARY KEY,
  stay_id      INTEGER NOT NULL UNIQUE REFERENCES entries(stay_id),
  lane         TEXT    NOT NULL,
  amount_minor INTEGER NOT NULL,
  currency     TEXT    NOT NULL,
  change_id    INTEGER NOT NULL REFERENCES lane_mode_changes(change_id),
  waived_at    TEXT    NOT NULL
);

CREATE TABLE sightings (
  sighting_id   INTEGER PRIMARY KEY,
  stay_id       INTEGER NOT NULL REFERENCES entries(stay_id),
  lane          TEXT    NOT NULL,
  direction     TEXT    NOT NULL CHECK (direction IN ('entry', 'exit')),
  plate         TEXT,                    -- null when the camera read no plate
  vehicle_class TEXT,
  colour        TEXT,
  seen_at       TEXT    NOT NULL
);
CREATE INDEX sightings_stay ON sightings(stay_id, direction);
CREATE INDEX sightings_plate ON sightings(plate, direction);

-- A stay that left owing money, owed by its plate until a later exit of that plate settles it.
CREATE TABLE unpaid_balances (
  balance_id   INTEGER PRIMARY KEY,
  plate        TEXT    NOT NULL,
  stay_id      INTEGER NOT NULL UNIQUE REFERENCES entries(stay_id),
  lane         TEXT    NOT NULL,
  amount_minor INTEGER NOT NULL,
  currency     TEXT    NOT NULL,
  reason       TEXT    NOT NULL,
  recorded_at  TEXT    NOT NULL
);
CREATE INDEX unpaid_balances_plate ON unpaid_balances(plate);

CREATE TABLE settlements (
  settlement_id INTEGER PRIMARY KEY,
  balance_id    INTEGER NOT NULL UNIQUE REFERENCES unpaid_balances(balance_id), -- settled once
  payment_id    INTEGER NOT NULL REFERENCES payments(payment_id), -- the payment that carried it
  amount_minor  INTEGER NOT NULL,
  currency      TEXT    NOT NULL,
  settled_at    TEXT    NOT NULL
);

CREATE TRIGGER incidents_no_update BEFORE UPDATE ON incidents BEGIN SELECT RAISE(ABORT, 'ledger is append-only: incidents cannot be changed'); END;
CREATE TRIGGER incidents_no_delete BEFORE DELETE ON incidents BEGIN SELECT RAISE(ABORT, 'ledger is append-only: incidents cannot be deleted'); END;
CREATE TRIGGER lane_mode_changes_no_update BEFORE UPDATE ON lane_mode_changes BEGIN SELECT RAISE(ABORT, 'ledger is append-only: lane mode changes cannot be changed'); END;
CREATE TRIGGER lane_mode_changes_no_delete BEFORE DELETE ON lane_mode_changes BEGIN SELECT RAISE(ABORT, 'ledger is append-only: lane mode changes cannot be deleted'); END;
CREATE TRIGGER waivers_no_update BEFORE UPDATE ON waivers BEGIN SELECT RAISE(ABORT, 'ledger is append-only: waivers cannot be changed'); END;
CREATE TRIGGER waivers_no_delete BEFORE DELETE ON waivers BEGIN SELECT RAISE(ABORT, 'ledger is append-only: waivers cannot be deleted'); END;
CREATE TRIGGER sightings_no_update BEFORE UPDATE ON sightings BEGIN SELECT RAISE(ABORT, 'ledger is append-only: sightings cannot be changed'); END;
CREATE TRIGGER sightings_no_delete BEFORE DELETE ON sightings BEGIN SELECT RAISE(ABORT, 'ledger is append-only: sightings cannot be deleted'); END;
CREATE TRIGGER unpaid_balances_no_update BEFORE UPDATE ON unpaid_balances BEGIN SELECT RAISE(ABORT, 'ledger is append-only: unpaid balances cannot be changed'); END;
CREATE TRIGGER unpaid_balances_no_delete BEFORE DELETE ON unpaid_balances BEGIN SELECT RAISE(ABORT, 'ledger is append-only: unpaid balances cannot be deleted'); END;
CREATE TRIGGER settlements_no_update BEFORE UPDATE ON settlements BEGIN SELECT RAISE(ABORT, 'ledger is append-only: settlements cannot be changed'); END;
CREATE TRIGGER settlements_no_delete BEFORE DELETE ON settlements BEGIN SELECT RAISE(ABORT, 'ledger is append-only: settlements cannot be deleted'); END;
