-- The formula function websites(requirement = "...") reads the website check results, so a run raises the
-- registry generation as the other sources do (0020, 0025): kept form values are never older than them.
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['website_check_runs', 'website_check_sites', 'website_check_items'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "note_registry_change"()',
      t || '_note_registry_change', t);
  END LOOP;
END
$$;
