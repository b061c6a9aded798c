CREATE TABLE "website_check_items" (
	"run_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"requirement_code" text NOT NULL,
	"requirement_title" text NOT NULL,
	"is_found" boolean NOT NULL,
	"url" text
);
--> statement-breakpoint
CREATE TABLE "website_check_runs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "website_check_runs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"status" text NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"done" integer DEFAULT 0 NOT NULL,
	"error" text,
	"started_by" integer,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "website_check_sites" (
	"run_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"site_url" text,
	"error" text,
	"pages_visited" integer DEFAULT 0 NOT NULL,
	"checked_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "website_requirements" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "website_requirements_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"keywords" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"paths" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "website_check_items" ADD CONSTRAINT "website_check_items_run_id_website_check_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."website_check_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_check_items" ADD CONSTRAINT "website_check_items_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_check_runs" ADD CONSTRAINT "website_check_runs_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_check_runs" ADD CONSTRAINT "website_check_runs_started_by_users_id_fk" FOREIGN KEY ("started_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_check_sites" ADD CONSTRAINT "website_check_sites_run_id_website_check_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."website_check_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_check_sites" ADD CONSTRAINT "website_check_sites_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "website_requirements" ADD CONSTRAINT "website_requirements_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "website_check_items_run_id_organization_id_requirement_code_index" ON "website_check_items" USING btree ("run_id","organization_id","requirement_code");--> statement-breakpoint
CREATE INDEX "website_check_runs_municipality_id_started_at_index" ON "website_check_runs" USING btree ("municipality_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "website_check_sites_run_id_organization_id_index" ON "website_check_sites" USING btree ("run_id","organization_id");--> statement-breakpoint
CREATE INDEX "website_check_sites_organization_id_index" ON "website_check_sites" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "website_requirements_municipality_id_code_index" ON "website_requirements" USING btree ("municipality_id","code");