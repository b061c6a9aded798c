CREATE TABLE "grant_generation" (
	"id" integer PRIMARY KEY DEFAULT 1 NOT NULL,
	"value" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "grant_generation_one_row" CHECK ("grant_generation"."id" = 1)
);
--> statement-breakpoint
INSERT INTO "grant_generation" ("id", "value") VALUES (1, 0);
--> statement-breakpoint
-- A statement that changed what users' grants resolve to raises the generation, once per transaction (a
-- transaction-local flag); the row stays locked until commit, which is rare for these tables. A restore
-- sets the flag first, so a loaded copy keeps its own number (server/db/backup.ts).
CREATE FUNCTION "note_grants_change"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('pedmonitor.grants_changed', true) IS DISTINCT FROM 'on' THEN
    PERFORM set_config('pedmonitor.grants_changed', 'on', true);
    UPDATE "grant_generation" SET "value" = "value" + 1 WHERE "id" = 1;
  END IF;
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER "user_roles_note_grants_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "user_roles"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_grants_change"();
--> statement-breakpoint
CREATE TRIGGER "municipalities_note_grants_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "municipalities"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_grants_change"();
--> statement-breakpoint
CREATE TRIGGER "organizations_note_grants_change" AFTER UPDATE OF "municipality_id" OR DELETE OR TRUNCATE ON "organizations"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_grants_change"();
--> statement-breakpoint
CREATE TRIGGER "associations_note_grants_change" AFTER UPDATE OF "municipality_id", "organization_id" OR DELETE OR TRUNCATE ON "associations"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_grants_change"();
