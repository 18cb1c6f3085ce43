-- What plates owe at the operator's other car parks, for a site's exits (docs/central.md, a site
-- with central.arrearsElsewhere: true). A site's role may ask only for its own site, and learns
-- only plates, amounts, sites and since when: no card, stay or lane of another site.
CREATE OR REPLACE FUNCTION central.arrears_elsewhere(p_site text)
RETURNS TABLE (plate text, site_id text, site_name text, owed_minor bigint, currency text,
               since timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = central, pg_temp AS $$
BEGIN
  IF NOT pg_has_role(session_user, current_user, 'MEMBER')
     AND NOT EXISTS (SELECT 1 FROM central.sites s WHERE s.site_id = p_site AND s.db_role = session_user) THEN
    RAISE EXCEPTION 'role % may not ask for the arrears of site %', session_user, p_site
      USING ERRCODE = '42501';
  END IF;
  RETURN QUERY
    SELECT a.plate, a.site_id, s.name, a.owed_minor::bigint, a.currency, a.since::timestamptz
    FROM central.arrears a JOIN central.sites s ON s.site_id = a.site_id
    WHERE a.site_id <> p_site AND a.plate IS NOT NULL
    ORDER BY a.plate, a.site_id;
END $$;

GRANT EXECUTE ON FUNCTION central.arrears_elsewhere(text) TO PUBLIC;
