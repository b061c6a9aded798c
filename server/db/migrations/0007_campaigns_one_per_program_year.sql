-- One campaign per program and reporting year. Earlier versions accepted a duplicate; on a database that
-- holds one the index is not created (the migration must not fail for its users), the service refuses any
-- new duplicate, and the coordinator can delete the one made by mistake (docs/user-guide.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "campaigns" GROUP BY "program_id", "year" HAVING count(*) > 1) THEN
    CREATE UNIQUE INDEX "campaigns_program_year_unique" ON "campaigns" USING btree ("program_id","year");
  END IF;
END $$;
