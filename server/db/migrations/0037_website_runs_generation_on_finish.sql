-- websites(…) reads only finished runs (0029, compiler/aggregates.ts), but 0030 raised the registry
-- generation — which every kept result of every municipality is keyed by — at each statement on the runs,
-- sites and items: a check of 30 sites dropped all kept results 30 times while nothing a formula reads had
-- changed. Now a run raises it when it becomes or stops being finished (or is written or removed finished),
-- and a site or an item only when written into a finished run, or removed.
DROP TRIGGER "website_check_runs_note_registry_change" ON "website_check_runs";
--> statement-breakpoint
DROP TRIGGER "website_check_sites_note_registry_change" ON "website_check_sites";
--> statement-breakpoint
DROP TRIGGER "website_check_items_note_registry_change" ON "website_check_items";
--> statement-breakpoint
CREATE TRIGGER "website_check_runs_insert_note_registry_change" AFTER INSERT ON "website_check_runs"
  FOR EACH ROW WHEN (NEW."status" = 'done') EXECUTE FUNCTION "note_registry_change"();
--> statement-breakpoint
CREATE TRIGGER "website_check_runs_update_note_registry_change" AFTER UPDATE ON "website_check_runs"
  FOR EACH ROW WHEN ((OLD."status" = 'done') IS DISTINCT FROM (NEW."status" = 'done'))
  EXECUTE FUNCTION "note_registry_change"();
--> statement-breakpoint
CREATE TRIGGER "website_check_runs_delete_note_registry_change" AFTER DELETE ON "website_check_runs"
  FOR EACH ROW WHEN (OLD."status" = 'done') EXECUTE FUNCTION "note_registry_change"();
--> statement-breakpoint
CREATE TRIGGER "website_check_runs_truncate_note_registry_change" AFTER TRUNCATE ON "website_check_runs"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_registry_change"();
--> statement-breakpoint
-- Rows written into a finished run (the statement's new rows, read once per statement).
CREATE FUNCTION "note_website_rows_of_finished_run"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM "written" w JOIN "website_check_runs" r ON r."id" = w."run_id" WHERE r."status" = 'done') THEN
    IF current_setting('pedmonitor.registry_changed', true) IS DISTINCT FROM 'on' THEN
      PERFORM set_config('pedmonitor.registry_changed', 'on', true);
      INSERT INTO "registry_generation_bumps" DEFAULT VALUES;
    END IF;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY['website_check_sites', 'website_check_items'] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "note_website_rows_of_finished_run"()',
      t || '_insert_note_registry_change', t);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS "written" FOR EACH STATEMENT EXECUTE FUNCTION "note_website_rows_of_finished_run"()',
      t || '_update_note_registry_change', t);
    EXECUTE format(
      'CREATE TRIGGER %I AFTER DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "note_registry_change"()',
      t || '_delete_note_registry_change', t);
  END LOOP;
END
$$;
