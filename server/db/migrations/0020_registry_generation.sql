CREATE TABLE "registry_generation" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "registry_generation_one_row" CHECK ("registry_generation"."id" = 1)
);
--> statement-breakpoint
CREATE TABLE "registry_generation_bumps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "registry_generation_bumps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1)
);
--> statement-breakpoint
INSERT INTO "registry_generation" ("id", "value") VALUES (1, 0);
--> statement-breakpoint
-- A statement that wrote a table indicators are computed from: the first one of its transaction leaves a
-- row in registry_generation_bumps (a transaction-local flag keeps it to one row, however many statements).
-- Nothing is locked here, so writers of different organizations do not wait for each other.
CREATE FUNCTION "note_registry_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('pedmonitor.registry_changed', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('pedmonitor.registry_changed', 'on', true);
    INSERT INTO "registry_generation_bumps" DEFAULT VALUES;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
-- At commit (deferred): the generation is raised in the committing transaction itself, so a reader sees the
-- new number exactly when it sees the change; the generation row is locked only while the commit runs.
CREATE FUNCTION "raise_registry_generation"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "registry_generation" SET "value" = "value" + 1 WHERE "id" = 1;
  DELETE FROM "registry_generation_bumps" WHERE "id" = NEW."id";
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER "registry_generation_bumps_raise" AFTER INSERT ON "registry_generation_bumps"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "raise_registry_generation"();
--> statement-breakpoint
DO $$
DECLARE
  t text;
BEGIN
  FOREACH t IN ARRAY ARRAY[
    'organizations', 'programs', 'criteria', 'indicators', 'form_fields', 'campaign_participants',
    'teachers', 'positions', 'teacher_subjects', 'educations', 'certifications', 'deficits',
    'deficit_resources', 'diagnostics', 'providers', 'trainings', 'routes', 'route_steps',
    'mentoring_programs', 'mentoring_pairs', 'associations', 'association_members', 'events',
    'event_participations', 'competition_participations', 'vacancies', 'normative_acts',
    'reserve_position_kinds', 'reserve_candidates', 'reserve_plan_items'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "note_registry_change"()',
      t || '_note_registry_change', t);
  END LOOP;
END
$$;
