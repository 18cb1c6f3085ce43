-- The voucher register: batches of single-use voucher codes issued for a merchant or the site,
-- each code of one of the tariff's vouchers (SHOP2H, HALF, ...); a code redeemed once at an exit,
-- or voided by finance before it is used.

CREATE TABLE voucher_batches (
  batch_no    INTEGER PRIMARY KEY,       -- 1, 2, 3, ...
  issuer      TEXT    NOT NULL,          -- who hands them out: a merchant, the site office
  kind        TEXT    NOT NULL,          -- the tariff's voucher it grants, e.g. SHOP2H
  count       INTEGER NOT NULL,
  valid_from  TEXT    NOT NULL,          -- first local date it may be used, YYYY-MM-DD
  valid_to    TEXT    NOT NULL,          -- last local date it may be used, YYYY-MM-DD
  note        TEXT,
  issued_by   TEXT    NOT NULL,
  issued_at   TEXT    NOT NULL
);

CREATE TABLE vouchers (
  voucher_id  INTEGER PRIMARY KEY,
  code        TEXT    NOT NULL UNIQUE,   -- 10 characters, the last a check character
  batch_no    INTEGER NOT NULL REFERENCES voucher_batches(batch_no)
);

CREATE TABLE voucher_redemptions (
  voucher_id  INTEGER PRIMARY KEY REFERENCES vouchers(voucher_id), -- used once
  stay_id     INTEGER NOT NULL REFERENCES entries(stay_id),
  lane        TEXT    NOT NULL,
  due_before  INTEGER NOT NULL,          -- what the exit asked before it, minor units
  due_after   INTEGER NOT NULL,          -- and after it
  currency    TEXT    NOT NULL,
  cashier     TEXT    NOT NULL,
  request_id  TEXT    NOT NULL,
  redeemed_at TEXT    NOT NULL
);
CREATE INDEX voucher_redemptions_stay ON voucher_redemptions(stay_id);

CREATE TABLE voucher_voids (
  voucher_id  INTEGER PRIMARY KEY REFERENCES vouchers(voucher_id),
  voided_by   TEXT    NOT NULL,
  reason      TEXT    NOT NULL,
  voided_at   TEXT    NOT NULL
);

CREATE TRIGGER voucher_batches_no_update BEFORE UPDATE ON voucher_batches BEGIN SELECT RAISE(ABORT, 'ledger is append-only: voucher batches cannot be changed'); END;
CREATE TRIGGER voucher_batches_no_delete BEFORE DELETE ON voucher_batches BEGIN SELECT RAISE(ABORT, 'ledger is append-only: voucher batches cannot be deleted'); END;
CREATE TRIGGER vouchers_no_update BEFORE UPDATE ON vouchers BEGIN SELECT RAISE(ABORT, 'ledger is append-only: vouchers cannot be changed'); END;
CREATE TRIGGER vouchers_no_delete BEFORE DELETE ON vouchers BEGIN SELECT RAISE(ABORT, 'ledger is append-only: vouchers cannot be deleted'); END;
CREATE TRIGGER voucher_redemptions_no_update BEFORE UPDATE ON voucher_redemptions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: voucher redemptions cannot be changed'); END;
CREATE TRIGGER voucher_redemptions_no_delete BEFORE DELETE ON voucher_redemptions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: voucher redemptions cannot be deleted'); END;
CREATE TRIGGER voucher_voids_no_update BEFORE UPDATE ON voucher_voids BEGIN SELECT RAISE(ABORT, 'ledger is append-only: voucher voids cannot be changed'); END;
CREATE TRIGGER voucher_voids_no_delete BEFORE DELETE ON voucher_voids BEGIN SELECT RAISE(ABORT, 'ledger is append-only: voucher voids cannot be deleted'); END;
