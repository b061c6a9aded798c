ALTER TABLE "campaign_announcements" ADD COLUMN "status" text DEFAULT 'done' NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_announcements" ADD COLUMN "done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_announcements" ADD COLUMN "total" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "campaign_announcements" ADD COLUMN "error" text;--> statement-breakpoint
ALTER TABLE "campaign_announcements" ADD COLUMN "finished_at" timestamp with time zone;--> statement-breakpoint
CREATE UNIQUE INDEX "campaign_announcements_one_running" ON "campaign_announcements" USING btree ("campaign_id") WHERE status = 'running';--> statement-breakpoint
-- Sendings made before the background job were sent whole inside their request: each is done, with
-- every recipient row it wrote.
UPDATE "campaign_announcements" AS a
SET "done" = r."n", "total" = r."n", "finished_at" = a."sent_at"
FROM (
  SELECT "announcement_id", count(*)::int AS "n" FROM "campaign_announcement_recipients" GROUP BY "announcement_id"
) AS r
WHERE r."announcement_id" = a."id";--> statement-breakpoint
UPDATE "campaign_announcements" SET "finished_at" = "sent_at" WHERE "finished_at" IS NULL;
