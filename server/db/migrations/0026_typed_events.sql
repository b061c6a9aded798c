ALTER TABLE "events" ADD COLUMN "type" text;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "deficit_codes" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "trainings" ADD COLUMN "format" text;--> statement-breakpoint
ALTER TABLE "trainings" ADD COLUMN "deficit_codes" text[] DEFAULT '{}' NOT NULL;