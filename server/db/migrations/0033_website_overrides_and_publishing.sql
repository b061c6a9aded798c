CREATE TABLE "website_check_overrides" (
	"organization_id" integer NOT NULL,
	"requirement_code" text NOT NULL,
	"requirement_title" text NOT NULL,
	"is_found" boolean NOT NULL,
	"url" text,
	"comment" text,
	"set_by" integer,
	"set_by_name" text NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "website_checklists" (
	"municipality_id" integer PRIMARY KEY NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "campaign_reports" ADD COLUMN "publish_on" date;--> statement-breakpoint
ALTER TABLE "decisions" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "measures" ADD COLUMN "is_public" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "website_check_overrides" ADD CONSTRAINT "website_check_overrides_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_check_overrides" ADD CONSTRAINT "website_check_overrides_set_by_users_id_fk" FOREIGN KEY ("set_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_checklists" ADD CONSTRAINT "website_checklists_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "website_check_overrides_organization_id_requirement_code_index" ON "website_check_overrides" USING btree ("organization_id","requirement_code");