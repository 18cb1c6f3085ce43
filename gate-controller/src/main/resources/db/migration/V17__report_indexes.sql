-- Indexes for the finance reports over long periods (a year of a 20-lane car park: ~3 million
-- stays). Reports, Z-reports and the registers select rows by the whole second of their instant,
-- CAST(strftime('%s', col) AS INTEGER), since ISO-8601 text with and without a fraction does not
-- sort as time; an index on that very expression lets SQLite seek the period instead of reading
-- and converting every row. The expressions must stay word for word those of the queries.

CREATE INDEX payments_paid_s ON payments(CAST(strftime('%s', paid_at) AS INTEGER));
CREATE INDEX reversals_reversed_s ON reversals(CAST(strftime('%s', reversed_at) AS INTEGER));
CREATE INDEX entries_entered_s ON entries(CAST(strftime('%s', entered_at) AS INTEGER));
CREATE INDEX exits_exited_s ON exits(CAST(strftime('%s', exited_at) AS INTEGER));
CREATE INDEX incidents_at_s ON incidents(CAST(strftime('%s', at) AS INTEGER));
CREATE INDEX free_passes_asked_s ON free_passes(CAST(strftime('%s', asked_at) AS INTEGER));
CREATE INDEX manual_lifts_lifted_s ON manual_lifts(CAST(strftime('%s', lifted_at) AS INTEGER));
CREATE INDEX lost_cards_registered_s ON lost_cards(CAST(strftime('%s', registered_at) AS INTEGER));
CREATE INDEX voucher_batches_issued_s ON voucher_batches(CAST(strftime('%s', issued_at) AS INTEGER));
CREATE INDEX voucher_redemptions_redeemed_s ON voucher_redemptions(CAST(strftime('%s', redeemed_at) AS INTEGER));
CREATE INDEX voucher_voids_voided_s ON voucher_voids(CAST(strftime('%s', voided_at) AS INTEGER));
CREATE INDEX unpaid_balances_recorded_s ON unpaid_balances(CAST(strftime('%s', recorded_at) AS INTEGER));
CREATE INDEX shifts_closed_s ON shifts(CAST(strftime('%s', closed_at) AS INTEGER));
