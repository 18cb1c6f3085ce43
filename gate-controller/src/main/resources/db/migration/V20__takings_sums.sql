-- The takings summed per quarter hour, kept as each payment, tender and reversal is written, so the
-- money reports over a year read some hundred thousand sums instead of grouping two million payments
-- (a sort SQLite cannot avoid). Quarter hours are whole seconds since the epoch divided by 900: every
-- zone's days and hours in use begin on one, so the sums of a report's days are the sums of whole
-- quarters. The figures are exactly what the reports computed from the raw rows: a payment counts at
-- its paid_at under its tender (payment_tenders.tender, else payments.method), a reversal at its
-- reversed_at under its payment's tender, lane and cashier, each in its own currency.
-- Derived from the chained payments, tenders and reversals, so not chained itself: ./parking verify
-- recomputes both tables from them. Never a row with n = 0 (a moved payment's old row is removed).

-- By tender alone: payments by tender and by hour, revenue by hour and by day, the journal.
CREATE TABLE takings_by_tender (
  currency     TEXT    NOT NULL,
  reversal     INTEGER NOT NULL,        -- 0 payments (at paid_at), 1 reversals (at reversed_at)
  quarter_s    INTEGER NOT NULL,        -- CAST(strftime('%s', the instant) AS INTEGER) / 900 * 900
  tender       TEXT    NOT NULL,        -- COALESCE(payment_tenders.tender, payments.method)
  n            INTEGER NOT NULL,        -- how many
  amount_minor INTEGER NOT NULL,        -- their total (reversals negative)
  PRIMARY KEY (currency, reversal, quarter_s, tender)
) WITHOUT ROWID;

-- By lane, cashier and tender: payments by lane and by cashier, and any report filtered by them.
CREATE TABLE takings_by_desk (
  currency     TEXT    NOT NULL,
  reversal     INTEGER NOT NULL,
  quarter_s    INTEGER NOT NULL,
  lane         TEXT    NOT NULL,        -- the payment's lane
  cashier      TEXT    NOT NULL,        -- the payment's cashier
  tender       TEXT    NOT NULL,
  n            INTEGER NOT NULL,
  amount_minor INTEGER NOT NULL,
  PRIMARY KEY (currency, reversal, quarter_s, lane, cashier, tender)
) WITHOUT ROWID;

-- The payments and reversals written before this migration.
INSERT INTO takings_by_desk(currency, reversal, quarter_s, lane, cashier, tender, n, amount_minor)
SELECT p.currency, 0, CAST(strftime('%s', p.paid_at) AS INTEGER) / 900 * 900, p.lane, p.cashier, COALESCE(t.tender, p.method), COUNT(*), SUM(p.amount_minor)
FROM payments p LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO takings_by_desk(currency, reversal, quarter_s, lane, cashier, tender, n, amount_minor)
SELECT v.currency, 1, CAST(strftime('%s', v.reversed_at) AS INTEGER) / 900 * 900, p.lane, p.cashier, COALESCE(t.tender, p.method), COUNT(*), SUM(v.amount_minor)
FROM reversals v JOIN payments p ON p.payment_id = v.payment_id LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id GROUP BY 1, 2, 3, 4, 5, 6;
INSERT INTO takings_by_tender(currency, reversal, quarter_s, tender, n, amount_minor)
SELECT currency, reversal, quarter_s, tender, SUM(n), SUM(amount_minor) FROM takings_by_desk GROUP BY 1, 2, 3, 4;

-- Every payment, tender and reversal written from now on, in its own transaction, whichever path
-- writes it (one line each, as every trigger of the migrations is written). A payment counts under
-- its method until its tender row says otherwise, then moves.
CREATE TRIGGER payments_takings AFTER INSERT ON payments BEGIN INSERT INTO takings_by_tender(currency, reversal, quarter_s, tender, n, amount_minor) VALUES (NEW.currency, 0, CAST(strftime('%s', NEW.paid_at) AS INTEGER) / 900 * 900, NEW.method, 1, NEW.amount_minor) ON CONFLICT DO UPDATE SET n = n + 1, amount_minor = amount_minor + excluded.amount_minor; INSERT INTO takings_by_desk(currency, reversal, quarter_s, lane, cashier, tender, n, amount_minor) VALUES (NEW.currency, 0, CAST(strftime('%s', NEW.paid_at) AS INTEGER) / 900 * 900, NEW.lane, NEW.cashier, NEW.method, 1, NEW.amount_minor) ON CONFLICT DO UPDATE SET n = n + 1, amount_minor = amount_minor + excluded.amount_minor; END;

CREATE TRIGGER payment_tenders_takings AFTER INSERT ON payment_tenders FOR EACH ROW WHEN NEW.tender IS NOT (SELECT method FROM payments WHERE payment_id = NEW.payment_id) BEGIN UPDATE takings_by_tender SET n = n - 1, amount_minor = amount_minor - (SELECT amount_minor FROM payments WHERE payment_id = NEW.payment_id) WHERE (currency, reversal, quarter_s, tender) = (SELECT currency, 0, CAST(strftime('%s', paid_at) AS INTEGER) / 900 * 900, method FROM payments WHERE payment_id = NEW.payment_id); DELETE FROM takings_by_tender WHERE n = 0 AND (currency, reversal, quarter_s, tender) = (SELECT currency, 0, CAST(strftime('%s', paid_at) AS INTEGER) / 900 * 900, method FROM payments WHERE payment_id = NEW.payment_id); INSERT INTO takings_by_tender(currency, reversal, quarter_s, tender, n, amount_minor) SELECT currency, 0, CAST(strftime('%s', paid_at) AS INTEGER) / 900 * 900, NEW.tender, 1, amount_minor FROM payments WHERE payment_id = NEW.payment_id ON CONFLICT DO UPDATE SET n = n + 1, amount_minor = amount_minor + excluded.amount_minor; UPDATE takings_by_desk SET n = n - 1, amount_minor = amount_minor - (SELECT amount_minor FROM payments WHERE payment_id = NEW.payment_id) WHERE (currency, reversal, quarter_s, lane, cashier, tender) = (SELECT currency, 0, CAST(strftime('%s', paid_at) AS INTEGER) / 900 * 900, lane, cashier, method FROM payments WHERE payment_id = NEW.payment_id); DELETE FROM takings_by_desk WHERE n = 0 AND (currency, reversal, quarter_s, lane, cashier, tender) = (SELECT currency, 0, CAST(strftime('%s', paid_at) AS INTEGER) / 900 * 900, lane, cashier, method FROM payments WHERE payment_id = NEW.payment_id); INSERT INTO takings_by_desk(currency, reversal, quarter_s, lane, cashier, tender, n, amount_minor) SELECT currency, 0, CAST(strftime('%s', paid_at) AS INTEGER) / 900 * 900, lane, cashier, NEW.tender, 1, amount_minor FROM payments WHERE payment_id = NEW.payment_id ON CONFLICT DO UPDATE SET n = n + 1, amount_minor = amount_minor + excluded.amount_minor; END;

CREATE TRIGGER reversals_takings AFTER INSERT ON reversals BEGIN INSERT INTO takings_by_tender(currency, reversal, quarter_s, tender, n, amount_minor) SELECT NEW.currency, 1, CAST(strftime('%s', NEW.reversed_at) AS INTEGER) / 900 * 900, COALESCE(t.tender, p.method), 1, NEW.amount_minor FROM payments p LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id WHERE p.payment_id = NEW.payment_id ON CONFLICT DO UPDATE SET n = n + 1, amount_minor = amount_minor + excluded.amount_minor; INSERT INTO takings_by_desk(currency, reversal, quarter_s, lane, cashier, tender, n, amount_minor) SELECT NEW.currency, 1, CAST(strftime('%s', NEW.reversed_at) AS INTEGER) / 900 * 900, p.lane, p.cashier, COALESCE(t.tender, p.method), 1, NEW.amount_minor FROM payments p LEFT JOIN payment_tenders t ON t.payment_id = p.payment_id WHERE p.payment_id = NEW.payment_id ON CONFLICT DO UPDATE SET n = n + 1, amount_minor = amount_minor + excluded.amount_minor; END;
