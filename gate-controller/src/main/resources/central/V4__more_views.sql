-- Head office's views of the shifts and of the vehicles let out without the fee paid at the booth,
-- for the central-shifts and central-exemptions reports. Installed (and reinstalled: each statement
-- replaces what it finds) by CentralViews.install after V2 and V3, over V2's functions; nothing here
-- is granted, so only head office's own roles read them, as V2's.

-- Shifts as they were opened: the cashier, since when (each shift's first row).
CREATE OR REPLACE VIEW central.shift_opens AS
SELECT l.site_id,
       central.as_int(f ->> 'shift_no')               AS shift_no,
       central.as_text(f ->> 'cashier')               AS cashier,
       central.as_text(f ->> 'opened_at')::timestamptz AS opened_at,
       central.as_text(f ->> 'request_id')            AS request_id,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'shift_opens';

-- Shifts as they were closed, with the receipts and counts of their report (ShiftReports).
CREATE OR REPLACE VIEW central.shifts AS
SELECT l.site_id,
       central.as_int(f ->> 'shift_no')                AS shift_no,
       central.as_text(f ->> 'cashier')                AS cashier,
       central.as_text(f ->> 'opened_at')::timestamptz AS opened_at,
       central.as_text(f ->> 'closed_at')::timestamptz AS closed_at,
       central.as_int(f ->> 'payments')                AS payments,
       central.as_text(f ->> 'first_receipt')          AS first_receipt,
       central.as_text(f ->> 'last_receipt')           AS last_receipt,
       central.as_int(f ->> 'reversals')               AS reversals,
       central.as_int(f ->> 'chain_link')              AS chain_link,
       central.as_text(f ->> 'request_id')             AS request_id,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'shifts';

-- A closed shift's takings per currency; reversed_minor is negative or zero.
CREATE OR REPLACE VIEW central.shift_totals AS
SELECT l.site_id,
       central.as_int(f ->> 'total_id')       AS total_id,
       central.as_int(f ->> 'shift_no')       AS shift_no,
       central.as_text(f ->> 'currency')      AS currency,
       central.as_int(f ->> 'payments')       AS payments,
       central.as_int(f ->> 'paid_minor')     AS paid_minor,
       central.as_int(f ->> 'reversals')      AS reversals,
       central.as_int(f ->> 'reversed_minor') AS reversed_minor,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'shift_totals';

-- The drawer counted at closing (shifts closed with a blind count): the cash expected, counted,
-- and counted less expected (variance_minor: over when positive, short when negative).
CREATE OR REPLACE VIEW central.shift_counts AS
SELECT l.site_id,
       central.as_int(f ->> 'shift_no')       AS shift_no,
       central.as_text(f ->> 'currency')      AS currency,
       central.as_int(f ->> 'float_minor')    AS float_minor,
       central.as_int(f ->> 'cash_in_minor')  AS cash_in_minor,
       central.as_int(f ->> 'change_minor')   AS change_minor,
       central.as_int(f ->> 'reversed_minor') AS reversed_minor,
       central.as_int(f ->> 'dropped_minor')  AS dropped_minor,
       central.as_int(f ->> 'expected_minor') AS expected_minor,
       central.as_int(f ->> 'counted_minor')  AS counted_minor,
       central.as_int(f ->> 'variance_minor') AS variance_minor,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'shift_counts';

-- A shift closed at a booth and the next cashier's opened there with the cash both counted.
CREATE OR REPLACE VIEW central.handovers AS
SELECT l.site_id,
       central.as_int(f ->> 'handover_id')             AS handover_id,
       central.as_int(f ->> 'closed_shift')            AS closed_shift,
       central.as_int(f ->> 'opened_shift')            AS opened_shift,
       central.as_text(f ->> 'from_cashier')           AS from_cashier,
       central.as_text(f ->> 'to_cashier')             AS to_cashier,
       central.as_text(f ->> 'console_id')             AS console_id,
       central.as_text(f ->> 'request_id')             AS request_id,
       central.as_text(f ->> 'handed_at')::timestamptz AS handed_at,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'handovers';

-- A supervisor's decision on a free pass (at most one each).
CREATE OR REPLACE VIEW central.free_pass_decisions AS
SELECT l.site_id,
       central.as_int(f ->> 'pass_no')                  AS pass_no,
       central.as_int(f ->> 'approved') = 1             AS approved,
       central.as_text(f ->> 'decided_by')              AS decided_by,
       central.as_text(f ->> 'note')                    AS note,
       central.as_text(f ->> 'request_id')              AS request_id,
       central.as_text(f ->> 'decided_at')::timestamptz AS decided_at,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'free_pass_decisions';

-- Free passes asked at an exit, each with its decision; approved, decided_by and decided_at are
-- NULL while no supervisor has decided it.
CREATE OR REPLACE VIEW central.free_passes AS
SELECT p.site_id, p.pass_no, p.lane, p.stay_id, p.card, p.plate, p.fee_minor, p.currency,
       p.reason, p.asked_by, p.request_id, p.asked_at, d.approved, d.decided_by, d.note,
       d.decided_at, p.link
FROM (SELECT l.site_id,
             central.as_int(f ->> 'pass_no')               AS pass_no,
             central.as_text(f ->> 'lane')                 AS lane,
             central.as_int(f ->> 'stay_id')               AS stay_id,
             central.as_text(f ->> 'card')                 AS card,
             central.as_text(f ->> 'plate')                AS plate,
             central.as_int(f ->> 'fee_minor')             AS fee_minor,
             central.as_text(f ->> 'currency')             AS currency,
             central.as_text(f ->> 'reason')               AS reason,
             central.as_text(f ->> 'asked_by')             AS asked_by,
             central.as_text(f ->> 'request_id')           AS request_id,
             central.as_text(f ->> 'asked_at')::timestamptz AS asked_at,
             l.link
      FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
      WHERE l.tbl = 'free_passes') p
LEFT JOIN central.free_pass_decisions d ON d.site_id = p.site_id AND d.pass_no = p.pass_no;

-- Barriers lifted by hand; stay_id, due_minor and currency are NULL when the exit knew no stay.
CREATE OR REPLACE VIEW central.manual_lifts AS
SELECT l.site_id,
       central.as_int(f ->> 'lift_no')                 AS lift_no,
       central.as_text(f ->> 'lane')                   AS lane,
       central.as_int(f ->> 'stay_id')                 AS stay_id,
       central.as_int(f ->> 'due_minor')               AS due_minor,
       central.as_text(f ->> 'currency')               AS currency,
       central.as_text(f ->> 'reason')                 AS reason,
       central.as_text(f ->> 'lifted_by')              AS lifted_by,
       central.as_text(f ->> 'request_id')             AS request_id,
       central.as_text(f ->> 'lifted_at')::timestamptz AS lifted_at,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'manual_lifts';

-- Lane modes as supervisors set them (NORMAL, FREE_EXIT, ...), with who and why.
CREATE OR REPLACE VIEW central.lane_mode_changes AS
SELECT l.site_id,
       central.as_int(f ->> 'change_id')                AS change_id,
       central.as_text(f ->> 'lane')                    AS lane,
       central.as_text(f ->> 'mode')                    AS mode,
       central.as_text(f ->> 'changed_by')              AS changed_by,
       central.as_text(f ->> 'reason')                  AS reason,
       central.as_text(f ->> 'request_id')              AS request_id,
       central.as_text(f ->> 'changed_at')::timestamptz AS changed_at,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'lane_mode_changes';

-- Fees let go at a free-exit lane: what the tariff would have charged the stay, with the mode
-- change that allowed it (its mode, who set it and why).
CREATE OR REPLACE VIEW central.waivers AS
SELECT w.site_id, w.waiver_id, w.stay_id, w.lane, w.amount_minor, w.currency, w.change_id,
       c.mode, c.changed_by, c.reason, w.waived_at, w.link
FROM (SELECT l.site_id,
             central.as_int(f ->> 'waiver_id')               AS waiver_id,
             central.as_int(f ->> 'stay_id')                 AS stay_id,
             central.as_text(f ->> 'lane')                   AS lane,
             central.as_int(f ->> 'amount_minor')            AS amount_minor,
             central.as_text(f ->> 'currency')               AS currency,
             central.as_int(f ->> 'change_id')               AS change_id,
             central.as_text(f ->> 'waived_at')::timestamptz AS waived_at,
             l.link
      FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
      WHERE l.tbl = 'waivers') w
LEFT JOIN central.lane_mode_changes c ON c.site_id = w.site_id AND c.change_id = w.change_id;

REVOKE ALL ON central.shift_opens, central.shifts, central.shift_totals, central.shift_counts,
  central.handovers, central.free_pass_decisions, central.free_passes, central.manual_lifts,
  central.lane_mode_changes, central.waivers FROM PUBLIC;
