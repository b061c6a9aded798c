ALTER TABLE "educations" ALTER COLUMN "matches_profile" DROP DEFAULT;--> statement-breakpoint
ALTER TABLE "educations" ALTER COLUMN "matches_profile" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "association_members" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "certifications" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "competition_participations" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "diagnostics" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "educations" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "event_participations" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "trainings" ADD COLUMN "organization_id" integer;--> statement-breakpoint
ALTER TABLE "association_members" ADD CONSTRAINT "association_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certifications" ADD CONSTRAINT "certifications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "competition_participations" ADD CONSTRAINT "competition_participations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "diagnostics" ADD CONSTRAINT "diagnostics_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "educations" ADD CONSTRAINT "educations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_participations" ADD CONSTRAINT "event_participations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "trainings" ADD CONSTRAINT "trainings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
-- The records that exist are the main employer's (the current position, the main job first); a membership of
-- an ШМО and a participation in an organization's own event are that organization's.
UPDATE "educations" AS r SET "organization_id" = p."organization_id" FROM (
  SELECT DISTINCT ON ("teacher_id") "teacher_id", "organization_id" FROM "positions"
  ORDER BY "teacher_id", ("end_date" IS NULL OR "end_date" >= current_date) DESC, "is_main_job" DESC, "start_date" DESC, "id"
) AS p WHERE p."teacher_id" = r."teacher_id";
--> statement-breakpoint
UPDATE "certifications" AS r SET "organization_id" = p."organization_id" FROM (
  SELECT DISTINCT ON ("teacher_id") "teacher_id", "organization_id" FROM "positions"
  ORDER BY "teacher_id", ("end_date" IS NULL OR "end_date" >= current_date) DESC, "is_main_job" DESC, "start_date" DESC, "id"
) AS p WHERE p."teacher_id" = r."teacher_id";
--> statement-breakpoint
UPDATE "diagnostics" AS r SET "organization_id" = p."organization_id" FROM (
  SELECT DISTINCT ON ("teacher_id") "teacher_id", "organization_id" FROM "positions"
  ORDER BY "teacher_id", ("end_date" IS NULL OR "end_date" >= current_date) DESC, "is_main_job" DESC, "start_date" DESC, "id"
) AS p WHERE p."teacher_id" = r."teacher_id";
--> statement-breakpoint
UPDATE "trainings" AS r SET "organization_id" = p."organization_id" FROM (
  SELECT DISTINCT ON ("teacher_id") "teacher_id", "organization_id" FROM "positions"
  ORDER BY "teacher_id", ("end_date" IS NULL OR "end_date" >= current_date) DESC, "is_main_job" DESC, "start_date" DESC, "id"
) AS p WHERE p."teacher_id" = r."teacher_id";
--> statement-breakpoint
UPDATE "routes" AS r SET "organization_id" = p."organization_id" FROM (
  SELECT DISTINCT ON ("teacher_id") "teacher_id", "organization_id" FROM "positions"
  ORDER BY "teacher_id", ("end_date" IS NULL OR "end_date" >= current_date) DESC, "is_main_job" DESC, "start_date" DESC, "id"
) AS p WHERE p."teacher_id" = r."teacher_id";
--> statement-breakpoint
UPDATE "competition_participations" AS r SET "organization_id" = p."organization_id" FROM (
  SELECT DISTINCT ON ("teacher_id") "teacher_id", "organization_id" FROM "positions"
  ORDER BY "teacher_id", ("end_date" IS NULL OR "end_date" >= current_date) DESC, "is_main_job" DESC, "start_date" DESC, "id"
) AS p WHERE p."teacher_id" = r."teacher_id";
--> statement-breakpoint
UPDATE "association_members" AS r SET "organization_id" = p."organization_id" FROM (
  SELECT DISTINCT ON ("teacher_id") "teacher_id", "organization_id" FROM "positions"
  ORDER BY "teacher_id", ("end_date" IS NULL OR "end_date" >= current_date) DESC, "is_main_job" DESC, "start_date" DESC, "id"
) AS p WHERE p."teacher_id" = r."teacher_id";
--> statement-breakpoint
UPDATE "event_participations" AS r SET "organization_id" = p."organization_id" FROM (
  SELECT DISTINCT ON ("teacher_id") "teacher_id", "organization_id" FROM "positions"
  ORDER BY "teacher_id", ("end_date" IS NULL OR "end_date" >= current_date) DESC, "is_main_job" DESC, "start_date" DESC, "id"
) AS p WHERE p."teacher_id" = r."teacher_id";
--> statement-breakpoint
UPDATE "association_members" AS m SET "organization_id" = a."organization_id" FROM "associations" AS a
WHERE a."id" = m."association_id" AND a."organization_id" IS NOT NULL;
--> statement-breakpoint
UPDATE "event_participations" AS x SET "organization_id" = e."organization_id" FROM "events" AS e
WHERE e."id" = x."event_id" AND e."organization_id" IS NOT NULL;
