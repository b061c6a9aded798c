-- Old versions could enrol in a campaign an organization of another municipality than the campaign's
-- program. Such participants, their forms (with the forms' history) and their frozen results are removed:
-- the campaign belongs to its municipality, and another municipality's school must not appear in its lists,
-- analysis or letters.
DELETE FROM "campaign_results" AS r
USING "campaigns" AS c, "programs" AS p, "organizations" AS o
WHERE r."campaign_id" = c."id" AND p."id" = c."program_id" AND o."id" = r."organization_id"
  AND o."municipality_id" <> p."municipality_id";--> statement-breakpoint
DELETE FROM "submissions" AS s
USING "campaigns" AS c, "programs" AS p, "organizations" AS o
WHERE s."campaign_id" = c."id" AND p."id" = c."program_id" AND o."id" = s."organization_id"
  AND o."municipality_id" <> p."municipality_id";--> statement-breakpoint
DELETE FROM "campaign_participants" AS cp
USING "campaigns" AS c, "programs" AS p, "organizations" AS o
WHERE cp."campaign_id" = c."id" AND p."id" = c."program_id" AND o."id" = cp."organization_id"
  AND o."municipality_id" <> p."municipality_id";--> statement-breakpoint
-- The guard: whatever writes a participant (a service, an import, a script), the database refuses an
-- organization of another municipality.
CREATE OR REPLACE FUNCTION "campaign_participant_same_municipality"() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM "campaigns" AS c
    JOIN "programs" AS p ON p."id" = c."program_id"
    JOIN "organizations" AS o ON o."id" = NEW."organization_id"
    WHERE c."id" = NEW."campaign_id" AND o."municipality_id" <> p."municipality_id"
  ) THEN
    RAISE EXCEPTION 'Организация % не относится к муниципалитету программы мониторинга.', NEW."organization_id"
      USING ERRCODE = '23514';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
DROP TRIGGER IF EXISTS "campaign_participants_same_municipality" ON "campaign_participants";--> statement-breakpoint
CREATE TRIGGER "campaign_participants_same_municipality"
BEFORE INSERT OR UPDATE OF "campaign_id", "organization_id" ON "campaign_participants"
FOR EACH ROW EXECUTE FUNCTION "campaign_participant_same_municipality"();
