-- Credentials: season (monthly) cards, the blacklist, anti-passback records and how each stay
-- entered (vehicle class, plate, season card). Every table is append-only and chained: a change
-- to a card or a list is a new row, and the latest row for a card (or plate) wins.

CREATE TABLE season_cards (
  row_id        INTEGER PRIMARY KEY,   -- 1, 2, 3, ...
  card          TEXT    NOT NULL,
  action        TEXT    NOT NULL,      -- add | renew | cancel
  holder        TEXT    NOT NULL,
  plates        TEXT,                  -- bound plates, comma-separated, upper case; null: any vehicle
  vehicle_class TEXT    NOT NULL,
  valid_from    TEXT    NOT NULL,      -- yyyy-mm-dd, first valid day in the site's zone
  valid_to      TEXT    NOT NULL,      -- yyyy-mm-dd, last valid day in the site's zone (inclusive)
  issued_by     TEXT    NOT NULL,
  recorded_at   TEXT    NOT NULL       -- ISO-8601 instant, UTC
);
CREATE INDEX season_cards_card ON season_cards(card, row_id);

CREATE TABLE blacklist (
  row_id      INTEGER PRIMARY KEY,
  kind        TEXT    NOT NULL,        -- card | plate
  value       TEXT    NOT NULL,        -- the card number, or the plate in upper case
  action      TEXT    NOT NULL,        -- add | remove
  reason      TEXT    NOT NULL,
  entered_by  TEXT    NOT NULL,
  recorded_at TEXT    NOT NULL
);
CREATE INDEX blacklist_value ON blacklist(kind, value, row_id);

-- Anti-passback: supervisor resets and what soft anti-passback let through.
CREATE TABLE passback (
  row_id      INTEGER PRIMARY KEY,
  card        TEXT    NOT NULL,
  kind        TEXT    NOT NULL,        -- reset | soft-reentry | soft-exit
  stay_id     INTEGER REFERENCES entries(stay_id), -- the stay closed (reset, re-entry) or opened (exit)
  lane        TEXT,
  by_whom     TEXT    NOT NULL,        -- the supervisor, or 'lane' for soft anti-passback
  reason      TEXT    NOT NULL,
  request_id  TEXT    UNIQUE,          -- a retried reset finds its first result here
  recorded_at TEXT    NOT NULL
);

CREATE TABLE entry_credentials (
  stay_id       INTEGER PRIMARY KEY REFERENCES entries(stay_id),
  vehicle_class TEXT    NOT NULL,
  plate         TEXT,                  -- as the entry camera read it; null without a camera
  season        INTEGER NOT NULL       -- 1: entered on a valid season card
);

CREATE TRIGGER season_cards_no_update BEFORE UPDATE ON season_cards BEGIN SELECT RAISE(ABORT, 'ledger is append-only: season cards cannot be changed'); END;
CREATE TRIGGER season_cards_no_delete BEFORE DELETE ON season_cards BEGIN SELECT RAISE(ABORT, 'ledger is append-only: season cards cannot be deleted'); END;
CREATE TRIGGER blacklist_no_update BEFORE UPDATE ON blacklist BEGIN SELECT RAISE(ABORT, 'ledger is append-only: the blacklist cannot be changed'); END;
CREATE TRIGGER blacklist_no_delete BEFORE DELETE ON blacklist BEGIN SELECT RAISE(ABORT, 'ledger is append-only: the blacklist cannot be deleted'); END;
CREATE TRIGGER passback_no_update BEFORE UPDATE ON passback BEGIN SELECT RAISE(ABORT, 'ledger is append-only: passback records cannot be changed'); END;
CREATE TRIGGER passback_no_delete BEFORE DELETE ON passback BEGIN SELECT RAISE(ABORT, 'ledger is append-only: passback records cannot be deleted'); END;
CREATE TRIGGER entry_credentials_no_update BEFORE UPDATE ON entry_credentials BEGIN SELECT RAISE(ABORT, 'ledger is append-only: entry credentials cannot be changed'); END;
CREATE TRIGGER entry_credentials_no_delete BEFORE DELETE ON entry_credentials BEGIN SELECT RAISE(ABORT, 'ledger is append-only: entry credentials cannot be deleted'); END;
