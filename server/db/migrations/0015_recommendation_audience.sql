ALTER TABLE "recommendations" ADD COLUMN "audience" jsonb;--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "responsible" text;