-- The formula function websites(requirement = "...") reads the coordinator's overrides as well as the runs,
-- so an override raises the registry generation as the runs do (0030): kept values are never older.
CREATE TRIGGER "website_check_overrides_note_registry_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
  ON "website_check_overrides" FOR EACH STATEMENT EXECUTE FUNCTION "note_registry_change"();
