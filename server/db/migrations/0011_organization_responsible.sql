ALTER TABLE "organizations" ADD COLUMN "responsible_name" text;--> statement-breakpoint
ALTER TABLE "organizations" ADD COLUMN "responsible_phone" text;