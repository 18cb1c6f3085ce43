-- Head office's readers: one role, parkgate_hq_reader, that may read every view and table of the
-- schema and call the functions the views read fields with (PostgreSQL checks a view's functions
-- as the person reading it). A person reads head office's reports with a login role of their own
-- made a member of it:  CREATE ROLE li_wei LOGIN PASSWORD '...'; GRANT parkgate_hq_reader TO li_wei;
-- It may not ship (central.append checks the site's own role) and may change nothing.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'parkgate_hq_reader') THEN
    CREATE ROLE parkgate_hq_reader NOLOGIN;
  END IF;
END $$;
GRANT USAGE ON SCHEMA central TO parkgate_hq_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA central TO parkgate_hq_reader;
GRANT EXECUTE ON FUNCTION central.fields(text), central.as_text(text), central.as_int(text),
  central.as_real(text), central.as_blob(text), central.field_text(text, text),
  central.field_int(text, text), central.field_real(text, text), central.field_blob(text, text),
  central.field_is_null(text, text) TO parkgate_hq_reader;
