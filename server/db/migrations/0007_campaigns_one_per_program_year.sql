-- One campaign per program and reporting year. Earlier versions accepted a duplicate; on a database that
-- holds one the index is not created (the migration must not fail for its users), the service refuses any
-- new duplicate, and the coordinator can delete the one made by mistake (docs/user-guide.md).
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM "campaigns" GROUP BY "program_id", "year" HAVING count(*) > 1) THEN
    CREATE UNIQUE INDEX IF NOT EXISTS "campaigns_program_year_unique" ON "campaigns" USING btree ("program_id","year");
  END IF;
END $$;--> statement-breakpoint
-- The seed templates' shares corrected in this version, in programs loaded from them earlier and still as
-- loaded (a formula the coordinator changed is left alone): the numerator counts only teachers of its
-- denominator (Жирновский #2, Хорольский 1.2), and Егорлыкский #4 only certifications that gave a category.
UPDATE "indicators" AS i
SET "numerator" = 'teachers(route(fromDiagnostic), diagnosed(withDeficits, years = 2))',
  "version" = i."version" + 1, "updated_at" = now()
FROM "programs" AS p
WHERE p."id" = i."program_id" AND p."template_code" IN ('seed-002-zhirnovsky', 'seed-003-khorolsky')
  AND i."numerator" = 'teachers(route(fromDiagnostic))'
  AND i."denominator" = 'teachers(diagnosed(withDeficits, years = 2))';--> statement-breakpoint
UPDATE "indicators" AS i
SET "numerator" = 'teachers(certified(result in (first, highest)))',
  "version" = i."version" + 1, "updated_at" = now()
FROM "programs" AS p
WHERE p."id" = i."program_id" AND p."template_code" = 'seed-001-egorlyksky' AND i."code" = '4'
  AND i."numerator" = 'teachers(certified)' AND i."denominator" = 'teachers()';
