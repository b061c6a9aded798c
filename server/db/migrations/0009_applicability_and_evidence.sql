ALTER TABLE "indicators" ADD COLUMN "applicability" jsonb;--> statement-breakpoint
ALTER TABLE "campaign_results" ADD COLUMN "is_applicable" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "conclusions" ADD COLUMN "evidence" jsonb;