-- Head office's reading of the links: functions that take a typed field out of a link's canonical
-- row text, and views of the money tables across every site. Installed (and reinstalled, each
-- statement replaces what it finds) by CentralViews.install after V1; read by head office's own
-- roles only: nothing here is granted, and the functions' EXECUTE is taken from PUBLIC, so a
-- site's role, which may only ship, cannot call them either.
--
-- The canonical text (HashChain.canonical in the controller): "link=N\n", "table=T\n", then one
-- line per hashed column, "col=" and the value typed as SQLite held it: "n" NULL, "i<digits>" an
-- integer, "r<double>" a real, "t<length>:<text>" text whose length is in UTF-8 BYTES (the text
-- may hold newlines, so a line break does not end it), "b<hex>" a blob; every value ends with "\n".

-- Every column of a canonical text as a JSON object of typed tokens: "n" for NULL, "i-42",
-- "r1.5", "b00ff", and "t" followed by the text itself (decoded, newlines kept). The link and
-- table lines are left out. A text that does not parse is an error naming the byte where.
CREATE OR REPLACE FUNCTION central.fields(p_canonical text) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
DECLARE
  b      bytea   := convert_to(p_canonical, 'UTF8');
  n      integer := length(b);
  pos    integer := 1;   -- the byte where the next line starts (1-based)
  header integer := 0;
  rest   bytea;
  eq     integer;
  nl     integer;
  colon  integer;
  len    integer;
  kind   text;
  col    text;
  token  text;
  out    jsonb   := '{}'::jsonb;
BEGIN
  WHILE pos <= n LOOP
    rest := substring(b FROM pos);
    IF header < 2 THEN  -- link=N and table=T
      nl := position('\x0a'::bytea IN rest);
      IF nl = 0 THEN
        RAISE EXCEPTION 'central.fields: the header line at byte % has no end', pos;
      END IF;
      header := header + 1;
      pos := pos + nl;
      CONTINUE;
    END IF;
    eq := position('\x3d'::bytea IN rest);
    IF eq < 2 OR eq >= length(rest) THEN
      RAISE EXCEPTION 'central.fields: no "col=" at byte %', pos;
    END IF;
    col := convert_from(substring(rest FROM 1 FOR eq - 1), 'UTF8');
    kind := chr(get_byte(rest, eq));
    IF kind = 't' THEN
      colon := position('\x3a'::bytea IN substring(rest FROM eq + 2));
      IF colon < 2 THEN
        RAISE EXCEPTION 'central.fields: column % at byte % has no text length', col, pos;
      END IF;
      token := convert_from(substring(rest FROM eq + 2 FOR colon - 1), 'UTF8');
      IF token !~ '^[0-9]{1,9}$' THEN
        RAISE EXCEPTION 'central.fields: column % at byte %: text length % is not a number', col, pos, token;
      END IF;
      len := token::integer;
      IF eq + 2 + colon + len > length(rest) OR get_byte(rest, eq + 1 + colon + len) <> 10 THEN
        RAISE EXCEPTION 'central.fields: column % at byte %: % bytes of text do not end its line', col, pos, len;
      END IF;
      token := 't' || convert_from(substring(rest FROM eq + 2 + colon FOR len), 'UTF8');
      pos := pos + eq + 2 + colon + len;
    ELSIF kind IN ('n', 'i', 'r', 'b') THEN
      nl := position('\x0a'::bytea IN rest);
      IF nl = 0 THEN
        RAISE EXCEPTION 'central.fields: column % at byte % has no end', col, pos;
      END IF;
      token := convert_from(substring(rest FROM eq + 1 FOR nl - eq - 1), 'UTF8');
      IF (kind = 'n' AND token <> 'n') OR (kind = 'i' AND token !~ '^i-?[0-9]+$')
         OR (kind = 'b' AND token !~ '^b([0-9a-f]{2})*$') THEN
        RAISE EXCEPTION 'central.fields: column % at byte %: % is not a value', col, pos, token;
      END IF;
      pos := pos + nl;
    ELSE
      RAISE EXCEPTION 'central.fields: column % at byte %: unknown type %', col, pos, kind;
    END IF;
    out := out || jsonb_build_object(col, token);
  END LOOP;
  RETURN out;
END $$;

-- A token's value as each type; NULL for "n" or a column the text does not have (a row chained
-- before a migration added it). A token of another type is an error: the types are the site's.
CREATE OR REPLACE FUNCTION central.as_text(p_token text) RETURNS text
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF p_token IS NULL OR p_token = 'n' THEN RETURN NULL; END IF;
  IF left(p_token, 1) <> 't' THEN
    RAISE EXCEPTION 'central.as_text: % is not text', p_token;
  END IF;
  RETURN substr(p_token, 2);
END $$;

CREATE OR REPLACE FUNCTION central.as_int(p_token text) RETURNS bigint
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF p_token IS NULL OR p_token = 'n' THEN RETURN NULL; END IF;
  IF left(p_token, 1) <> 'i' THEN
    RAISE EXCEPTION 'central.as_int: % is not an integer', p_token;
  END IF;
  RETURN substr(p_token, 2)::bigint;
END $$;

-- A real; an integer is read as one too (SQLite keeps a whole REAL value as an integer).
CREATE OR REPLACE FUNCTION central.as_real(p_token text) RETURNS double precision
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF p_token IS NULL OR p_token = 'n' THEN RETURN NULL; END IF;
  IF left(p_token, 1) NOT IN ('r', 'i') THEN
    RAISE EXCEPTION 'central.as_real: % is not a number', p_token;
  END IF;
  RETURN substr(p_token, 2)::double precision;
END $$;

CREATE OR REPLACE FUNCTION central.as_blob(p_token text) RETURNS bytea
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
BEGIN
  IF p_token IS NULL OR p_token = 'n' THEN RETURN NULL; END IF;
  IF left(p_token, 1) <> 'b' THEN
    RAISE EXCEPTION 'central.as_blob: % is not a blob', p_token;
  END IF;
  RETURN decode(substr(p_token, 2), 'hex');
END $$;

-- One field of a canonical text: central.field_text(canonical, 'receipt_no') and so on.
CREATE OR REPLACE FUNCTION central.field_text(p_canonical text, p_col text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT central.as_text(central.fields(p_canonical) ->> p_col)
$$;

CREATE OR REPLACE FUNCTION central.field_int(p_canonical text, p_col text) RETURNS bigint
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT central.as_int(central.fields(p_canonical) ->> p_col)
$$;

CREATE OR REPLACE FUNCTION central.field_real(p_canonical text, p_col text) RETURNS double precision
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT central.as_real(central.fields(p_canonical) ->> p_col)
$$;

CREATE OR REPLACE FUNCTION central.field_blob(p_canonical text, p_col text) RETURNS bytea
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT central.as_blob(central.fields(p_canonical) ->> p_col)
$$;

-- True when the text has the column and it is NULL there (field_* give NULL for both).
CREATE OR REPLACE FUNCTION central.field_is_null(p_canonical text, p_col text) RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT central.fields(p_canonical) ->> p_col = 'n'
$$;

-- The views read one table's links, each parsed once.
CREATE INDEX IF NOT EXISTS links_tbl_site ON central.links (tbl, site_id);

-- Every payment as the site took it; tender is the payment_tenders row's (cash, card, mobile),
-- else the payment's own method (payments taken before tenders were recorded were cash).
CREATE OR REPLACE VIEW central.payment_tenders AS
SELECT l.site_id,
       central.as_int(f ->> 'payment_id')      AS payment_id,
       central.as_int(f ->> 'shift_no')        AS shift_no,
       central.as_text(f ->> 'tender')         AS tender,
       central.as_text(f ->> 'currency')       AS currency,
       central.as_int(f ->> 'tendered_minor')  AS tendered_minor,
       central.as_int(f ->> 'change_minor')    AS change_minor,
       central.as_text(f ->> 'reference')      AS reference,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'payment_tenders';

CREATE OR REPLACE VIEW central.payments AS
SELECT p.site_id, p.payment_id, p.receipt_seq, p.receipt_no, p.stay_id, p.lane, p.amount_minor,
       p.currency, p.method, COALESCE(t.tender, p.method) AS tender, t.shift_no, p.cashier,
       p.request_id, p.paid_at, p.link
FROM (SELECT l.site_id,
             central.as_int(f ->> 'payment_id')              AS payment_id,
             central.as_int(f ->> 'receipt_seq')             AS receipt_seq,
             central.as_text(f ->> 'receipt_no')             AS receipt_no,
             central.as_int(f ->> 'stay_id')                 AS stay_id,
             central.as_text(f ->> 'lane')                   AS lane,
             central.as_int(f ->> 'amount_minor')            AS amount_minor,
             central.as_text(f ->> 'currency')               AS currency,
             central.as_text(f ->> 'method')                 AS method,
             central.as_text(f ->> 'cashier')                AS cashier,
             central.as_text(f ->> 'request_id')             AS request_id,
             central.as_text(f ->> 'paid_at')::timestamptz   AS paid_at,
             l.link
      FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
      WHERE l.tbl = 'payments') p
LEFT JOIN central.payment_tenders t ON t.site_id = p.site_id AND t.payment_id = p.payment_id;

-- A reversal takes a payment back whole: amount_minor is the payment's, negated.
CREATE OR REPLACE VIEW central.reversals AS
SELECT l.site_id,
       central.as_int(f ->> 'reversal_id')              AS reversal_id,
       central.as_int(f ->> 'payment_id')               AS payment_id,
       central.as_int(f ->> 'amount_minor')             AS amount_minor,
       central.as_text(f ->> 'currency')                AS currency,
       central.as_text(f ->> 'supervisor')              AS supervisor,
       central.as_text(f ->> 'reason')                  AS reason,
       central.as_text(f ->> 'request_id')              AS request_id,
       central.as_text(f ->> 'reversed_at')::timestamptz AS reversed_at,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'reversals';

-- What a stay left owing, against its plate.
CREATE OR REPLACE VIEW central.unpaid_balances AS
SELECT l.site_id,
       central.as_int(f ->> 'balance_id')               AS balance_id,
       central.as_text(f ->> 'plate')                   AS plate,
       central.as_int(f ->> 'stay_id')                  AS stay_id,
       central.as_text(f ->> 'lane')                    AS lane,
       central.as_int(f ->> 'amount_minor')             AS amount_minor,
       central.as_text(f ->> 'currency')                AS currency,
       central.as_text(f ->> 'reason')                  AS reason,
       central.as_text(f ->> 'recorded_at')::timestamptz AS recorded_at,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'unpaid_balances';

-- A balance paid by a later payment (each balance is settled once, whole).
CREATE OR REPLACE VIEW central.settlements AS
SELECT l.site_id,
       central.as_int(f ->> 'settlement_id')            AS settlement_id,
       central.as_int(f ->> 'balance_id')               AS balance_id,
       central.as_int(f ->> 'payment_id')               AS payment_id,
       central.as_int(f ->> 'amount_minor')             AS amount_minor,
       central.as_text(f ->> 'currency')                AS currency,
       central.as_text(f ->> 'settled_at')::timestamptz AS settled_at,
       l.link
FROM central.links l CROSS JOIN LATERAL central.fields(l.canonical) AS x(f)
WHERE l.tbl = 'settlements';

-- What each plate still owes at each site now: owed less settled, where that is more than
-- nothing; visits the stays not yet settled, since the oldest of them.
CREATE OR REPLACE VIEW central.arrears AS
SELECT b.site_id, b.plate, b.currency,
       SUM(b.amount_minor) - COALESCE(SUM(s.amount_minor), 0)   AS owed_minor,
       COUNT(*) FILTER (WHERE s.balance_id IS NULL)              AS visits,
       MIN(b.recorded_at) FILTER (WHERE s.balance_id IS NULL)    AS since
FROM central.unpaid_balances b
LEFT JOIN central.settlements s ON s.site_id = b.site_id AND s.balance_id = b.balance_id
GROUP BY b.site_id, b.plate, b.currency
HAVING SUM(b.amount_minor) - COALESCE(SUM(s.amount_minor), 0) > 0;

REVOKE ALL ON central.payment_tenders, central.payments, central.reversals,
  central.unpaid_balances, central.settlements, central.arrears FROM PUBLIC;
REVOKE ALL ON FUNCTION central.fields(text), central.as_text(text), central.as_int(text),
  central.as_real(text), central.as_blob(text), central.field_text(text, text),
  central.field_int(text, text), central.field_real(text, text), central.field_blob(text, text),
  central.field_is_null(text, text) FROM PUBLIC;
