-- Published tariffs. Each version of the fee standard as published (by `./parking tariff publish`,
-- or from the site file when it changed since it was last published), with its text, hash, who and
-- when, and the instant it is in force from; chained. The controller prices every quote with the
-- latest version in force when it quotes, and takes a new one without a restart.
-- Which version priced each payment is a table of its own: the chained payments rows hash as they
-- were written. A payment with no payment_tariffs row was taken before tariffs were published.

CREATE TABLE tariff_versions (
  version_no    INTEGER PRIMARY KEY,     -- 1, 2, 3, ... in publishing order
  tariff_id     TEXT    NOT NULL,        -- the file's id and name
  name          TEXT    NOT NULL,
  sha256        TEXT    NOT NULL,        -- of the file's bytes, lower-case hex
  body          TEXT    NOT NULL,        -- the file as published (UTF-8)
  source        TEXT    NOT NULL,        -- the file it was published from
  in_force_from TEXT    NOT NULL,        -- instant; never before published_at
  published_by  TEXT    NOT NULL,
  published_at  TEXT    NOT NULL
);

CREATE TABLE payment_tariffs (
  payment_id    INTEGER PRIMARY KEY REFERENCES payments(payment_id),
  version_no    INTEGER NOT NULL REFERENCES tariff_versions(version_no)
);

CREATE TRIGGER tariff_versions_no_update BEFORE UPDATE ON tariff_versions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: tariff versions cannot be changed'); END;
CREATE TRIGGER tariff_versions_no_delete BEFORE DELETE ON tariff_versions BEGIN SELECT RAISE(ABORT, 'ledger is append-only: tariff versions cannot be deleted'); END;
CREATE TRIGGER payment_tariffs_no_update BEFORE UPDATE ON payment_tariffs BEGIN SELECT RAISE(ABORT, 'ledger is append-only: payment tariffs cannot be changed'); END;
CREATE TRIGGER payment_tariffs_no_delete BEFORE DELETE ON payment_tariffs BEGIN SELECT RAISE(ABORT, 'ledger is append-only: payment tariffs cannot be deleted'); END;
