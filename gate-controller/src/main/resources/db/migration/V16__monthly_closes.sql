-- Monthly closes (月结): a month's Z-reports totalled once every day of it is closed, numbered
-- consecutively on consecutive months, with the chain head at closing; chained like zreports.

CREATE TABLE monthly_closes (
  close_no       INTEGER PRIMARY KEY,    -- 1, 2, 3, ... one per month, months consecutive
  month          TEXT    NOT NULL UNIQUE, -- yyyy-mm in the site's zone
  zone           TEXT    NOT NULL,
  first_z        INTEGER NOT NULL,       -- the month's first and last Z-report numbers
  last_z         INTEGER NOT NULL,
  days           INTEGER NOT NULL,       -- Z-reports totalled
  payments       INTEGER NOT NULL,
  gross_minor    INTEGER NOT NULL,
  reversals      INTEGER NOT NULL,
  reversed_minor INTEGER NOT NULL,       -- negative or zero
  net_minor      INTEGER NOT NULL,
  currency       TEXT    NOT NULL,
  closed_by      TEXT    NOT NULL,
  chain_link     INTEGER NOT NULL,       -- the chain head when the month was closed
  chain_head     TEXT    NOT NULL,
  closed_at      TEXT    NOT NULL
);

CREATE TRIGGER monthly_closes_no_update BEFORE UPDATE ON monthly_closes BEGIN SELECT RAISE(ABORT, 'ledger is append-only: monthly closes cannot be changed'); END;
CREATE TRIGGER monthly_closes_no_delete BEFORE DELETE ON monthly_closes BEGIN SELECT RAISE(ABORT, 'ledger is append-only: monthly closes cannot be deleted'); END;
