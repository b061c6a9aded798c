CREATE TABLE "campaign_region_parts" (
	"campaign_id" integer PRIMARY KEY NOT NULL,
	"parts" jsonb NOT NULL,
	"measured_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "regional_submissions" ADD COLUMN "accepted_region_parts" jsonb;--> statement-breakpoint
ALTER TABLE "campaign_region_parts" ADD CONSTRAINT "campaign_region_parts_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;