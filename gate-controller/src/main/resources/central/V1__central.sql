-- The head office's copy of every site's ledger, in PostgreSQL. Each site ships its hash chain's
-- links in order (link number, table, row id, the row's canonical text and its hash); the append
-- function below re-verifies each link against the one before it as it arrives and keeps only
-- links that verify. Nothing here is ever updated or deleted: the tables refuse it, and a site's
-- role may only call the two functions (no INSERT, UPDATE or DELETE on any table).
-- Run once by ./parking central init as the database's owner.

CREATE SCHEMA central;

-- The sites that may ship, each with the database role it logs in as.
CREATE TABLE central.sites (
  site_id   text        PRIMARY KEY CHECK (site_id ~ '^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$'),
  name      text        NOT NULL,
  zone      text        NOT NULL,             -- the site's time zone, e.g. Asia/Shanghai
  currency  text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
  db_role   text        NOT NULL UNIQUE,
  enabled   boolean     NOT NULL DEFAULT true,
  added_at  timestamptz NOT NULL DEFAULT now(),
  added_by  text        NOT NULL,
  -- The site key's public half as the controller prints it (site-key.pub): central verify checks
  -- every signed anchor the site shipped with it. NULL until head office is given it.
  public_key text
);

-- Every link each site shipped that verified: link n's hash is SHA-256 of link n-1's hash (32
-- zero bytes before link 1) followed by the canonical text as UTF-8, exactly as the site's ledger
-- computes it (docs/central.md).
CREATE TABLE central.links (
  site_id     text        NOT NULL REFERENCES central.sites,
  link        bigint      NOT NULL CHECK (link > 0),
  tbl         text        NOT NULL,
  row_id      bigint      NOT NULL,
  canonical   text        NOT NULL,
  hash        text        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
  received_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  PRIMARY KEY (site_id, link)
);
CREATE INDEX links_table_row ON central.links (site_id, tbl, row_id);

-- What was refused and why: a gap, a link that does not chain, a second version of a link
-- already held, a canonical text that names another link or table, a role shipping for a site
-- that is not its own, a disabled site.
CREATE TABLE central.alarms (
  alarm_id bigserial   PRIMARY KEY,
  site_id  text,
  at       timestamptz NOT NULL DEFAULT clock_timestamp(),
  kind     text        NOT NULL CHECK (kind IN ('GAP', 'BROKEN', 'FORK', 'MISMATCH', 'WRONG_ROLE', 'DISABLED', 'UNKNOWN_SITE', 'ANCHOR')),
  link     bigint,
  db_role  text        NOT NULL DEFAULT session_user,
  detail   text        NOT NULL
);

CREATE FUNCTION central.append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'central.% is append-only: rows cannot be changed or removed', TG_TABLE_NAME;
END $$;
CREATE TRIGGER links_append_only BEFORE UPDATE OR DELETE ON central.links
  FOR EACH ROW EXECUTE FUNCTION central.append_only();
CREATE TRIGGER links_no_truncate BEFORE TRUNCATE ON central.links
  FOR EACH STATEMENT EXECUTE FUNCTION central.append_only();
CREATE TRIGGER alarms_append_only BEFORE UPDATE OR DELETE ON central.alarms
  FOR EACH ROW EXECUTE FUNCTION central.append_only();
CREATE TRIGGER alarms_no_truncate BEFORE TRUNCATE ON central.alarms
  FOR EACH STATEMENT EXECUTE FUNCTION central.append_only();

-- Who changed a site at head office, and when: added, disabled, enabled. Append-only.
CREATE TABLE central.site_changes (
  change_id bigserial   PRIMARY KEY,
  site_id   text        NOT NULL REFERENCES central.sites,
  at        timestamptz NOT NULL DEFAULT clock_timestamp(),
  change    text        NOT NULL CHECK (change IN ('ADDED', 'DISABLED', 'ENABLED', 'KEY')),
  by_whom   text        NOT NULL,
  db_role   text        NOT NULL DEFAULT session_user
);
CREATE TRIGGER site_changes_append_only BEFORE UPDATE OR DELETE ON central.site_changes
  FOR EACH ROW EXECUTE FUNCTION central.append_only();
CREATE TRIGGER site_changes_no_truncate BEFORE TRUNCATE ON central.site_changes
  FOR EACH STATEMENT EXECUTE FUNCTION central.append_only();

-- The newest link held for a site, or link 0 with the genesis hash (64 zeros) when none. A site's
-- role learns only its own site's head; the schema's owner (and a superuser) any site's.
CREATE FUNCTION central.head(p_site text) RETURNS TABLE (link bigint, hash text)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = central, pg_temp AS $$
BEGIN
  IF NOT pg_has_role(session_user, current_user, 'MEMBER')
     AND NOT EXISTS (SELECT 1 FROM central.sites s WHERE s.site_id = p_site AND s.db_role = session_user) THEN
    RAISE EXCEPTION 'role % may only ask for its own site''s head, not %', session_user, quote_literal(p_site)
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN QUERY
  SELECT COALESCE(MAX(l.link), 0)::bigint,
         COALESCE((SELECT l2.hash FROM central.links l2 WHERE l2.site_id = p_site
                   ORDER BY l2.link DESC LIMIT 1), repeat('0', 64))
  FROM central.links l WHERE l.site_id = p_site;
END $$;

-- Appends links in order for p_site. Links already held exactly (table, row, text and hash) are
-- skipped (a site that shipped, then lost the answer, ships them again); any other version of a
-- held link is a FORK; the first link that does not verify
-- stops the batch, is recorded in central.alarms, and is named in the answer; the links before it
-- are kept. Returns how many links were added, how many were already held, and the refused link
-- with its alarm kind and reason (NULL when none was refused).
CREATE FUNCTION central.append(p_site text, p_links bigint[], p_tbls text[], p_row_ids bigint[],
                               p_canonicals text[], p_hashes text[])
RETURNS TABLE (added integer, already integer, refused_link bigint, kind text, reason text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = central, pg_temp AS $$
DECLARE
  v_site    central.sites%ROWTYPE;
  v_head    bigint;
  v_prev    text;
  v_held    text;
  v_hash    text;
  v_n       integer := COALESCE(array_length(p_links, 1), 0);
  v_added   integer := 0;
  v_already integer := 0;
  i         integer;
BEGIN
  IF COALESCE(array_length(p_tbls, 1), 0) <> v_n OR COALESCE(array_length(p_row_ids, 1), 0) <> v_n
     OR COALESCE(array_length(p_canonicals, 1), 0) <> v_n OR COALESCE(array_length(p_hashes, 1), 0) <> v_n THEN
    RAISE EXCEPTION 'central.append: the five arrays must have the same length';
  END IF;
  SELECT * INTO v_site FROM central.sites WHERE site_id = p_site;
  IF NOT FOUND THEN
    INSERT INTO central.alarms(site_id, kind, link, detail)
      VALUES (p_site, 'UNKNOWN_SITE', p_links[1], format('links shipped for unknown site %L', p_site));
    RETURN QUERY SELECT 0, 0, CASE WHEN v_n > 0 THEN p_links[1] END, 'UNKNOWN_SITE'::text,
      format('no site %L is registered at head office', p_site);
    RETURN;
  END IF;
  IF v_site.db_role <> session_user THEN
    INSERT INTO central.alarms(site_id, kind, link, detail)
      VALUES (p_site, 'WRONG_ROLE', p_links[1], format('role %I shipped links for site %L, whose role is %I',
                                           session_user, p_site, v_site.db_role));
    RETURN QUERY SELECT 0, 0, CASE WHEN v_n > 0 THEN p_links[1] END, 'WRONG_ROLE'::text,
      format('role %I may not ship links for site %L', session_user, p_site);
    RETURN;
  END IF;
  IF NOT v_site.enabled THEN
    INSERT INTO central.alarms(site_id, kind, link, detail)
      VALUES (p_site, 'DISABLED', p_links[1], 'links shipped while the site is disabled at head office');
    RETURN QUERY SELECT 0, 0, CASE WHEN v_n > 0 THEN p_links[1] END, 'DISABLED'::text,
      format('site %L is disabled at head office', p_site);
    RETURN;
  END IF;
  -- One shipper per site at a time: a second waits here, then sees the first one's links.
  PERFORM pg_advisory_xact_lock(hashtext('central.append:' || p_site));
  SELECT h.link, h.hash INTO v_head, v_prev FROM central.head(p_site) h;
  FOR i IN 1 .. v_n LOOP
    IF p_links[i] IS NULL OR p_links[i] < 1 THEN
      INSERT INTO central.alarms(site_id, kind, link, detail)
        VALUES (p_site, 'MISMATCH', p_links[i], format('entry %s of the batch has no link number', i));
      RETURN QUERY SELECT v_added, v_already, p_links[i], 'MISMATCH'::text,
        format('entry %s of the batch is not a link number (%s)', i, p_links[i]);
      RETURN;
    END IF;
    IF p_links[i] <= v_head THEN
      SELECT l.hash INTO v_held FROM central.links l
       WHERE l.site_id = p_site AND l.link = p_links[i] AND l.tbl = p_tbls[i]
         AND l.row_id = p_row_ids[i] AND l.canonical = p_canonicals[i];
      IF v_held = p_hashes[i] THEN
        v_already := v_already + 1;
        CONTINUE;
      END IF;
      SELECT l.hash INTO v_held FROM central.links l WHERE l.site_id = p_site AND l.link = p_links[i];
      INSERT INTO central.alarms(site_id, kind, link, detail)
        VALUES (p_site, 'FORK', p_links[i], format('link %s shipped with hash %s; head office holds %s',
                                                   p_links[i], p_hashes[i], v_held));
      RETURN QUERY SELECT v_added, v_already, p_links[i], 'FORK'::text,
        format('link %s differs from the link %s head office already holds', p_links[i], p_links[i]);
      RETURN;
    END IF;
    IF p_links[i] <> v_head + 1 THEN
      INSERT INTO central.alarms(site_id, kind, link, detail)
        VALUES (p_site, 'GAP', p_links[i], format('link %s shipped after link %s', p_links[i], v_head));
      RETURN QUERY SELECT v_added, v_already, p_links[i], 'GAP'::text,
        format('link %s does not follow link %s', p_links[i], v_head);
      RETURN;
    END IF;
    IF p_canonicals[i] IS NULL OR p_tbls[i] IS NULL OR p_row_ids[i] IS NULL
       OR left(p_canonicals[i], length('link=' || p_links[i] || E'\ntable=' || p_tbls[i] || E'\n'))
          <> 'link=' || p_links[i] || E'\ntable=' || p_tbls[i] || E'\n'
       OR split_part(p_canonicals[i], E'\n', 3) !~ ('^[a-z_]+=i' || p_row_ids[i] || '$') THEN
      INSERT INTO central.alarms(site_id, kind, link, detail)
        VALUES (p_site, 'MISMATCH', p_links[i],
                format('link %s of table %s row %s: its canonical text names another link, table or row', p_links[i], p_tbls[i], p_row_ids[i]));
      RETURN QUERY SELECT v_added, v_already, p_links[i], 'MISMATCH'::text,
        format('link %s: the row text does not name link %s of table %s row %s', p_links[i], p_links[i], p_tbls[i], p_row_ids[i]);
      RETURN;
    END IF;
    v_hash := encode(sha256(decode(v_prev, 'hex') || convert_to(p_canonicals[i], 'UTF8')), 'hex');
    IF p_hashes[i] IS NULL OR v_hash <> p_hashes[i] THEN
      INSERT INTO central.alarms(site_id, kind, link, detail)
        VALUES (p_site, 'BROKEN', p_links[i],
                format('link %s: hash %s shipped, the chain gives %s', p_links[i], p_hashes[i], v_hash));
      RETURN QUERY SELECT v_added, v_already, p_links[i], 'BROKEN'::text,
        format('link %s does not chain from link %s', p_links[i], v_head);
      RETURN;
    END IF;
    INSERT INTO central.links(site_id, link, tbl, row_id, canonical, hash)
      VALUES (p_site, p_links[i], p_tbls[i], p_row_ids[i], p_canonicals[i], v_hash);
    v_head := p_links[i];
    v_prev := v_hash;
    v_added := v_added + 1;
  END LOOP;
  RETURN QUERY SELECT v_added, v_already, NULL::bigint, NULL::text, NULL::text;
END $$;

REVOKE ALL ON ALL TABLES IN SCHEMA central FROM PUBLIC;
REVOKE ALL ON FUNCTION central.append(text, bigint[], text[], bigint[], text[], text[]) FROM PUBLIC;
REVOKE ALL ON FUNCTION central.head(text) FROM PUBLIC;
REVOKE ALL ON FUNCTION central.append_only() FROM PUBLIC;
