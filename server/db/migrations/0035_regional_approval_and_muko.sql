CREATE TABLE "regional_muko_scores" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "regional_muko_scores_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"municipality_id" integer NOT NULL,
	"year" integer NOT NULL,
	"element_key" text NOT NULL,
	"score" integer NOT NULL,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"comment" text,
	"user_id" integer,
	"user_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "regional_muko_scores_score" CHECK ("regional_muko_scores"."score" in (0, 1))
);
--> statement-breakpoint
CREATE TABLE "regional_submission_events" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "regional_submission_events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"submission_id" integer NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"user_id" integer,
	"user_name" text,
	"action" text NOT NULL,
	"status_after" text NOT NULL,
	"comment" text
);
--> statement-breakpoint
CREATE TABLE "regional_submissions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "regional_submissions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"campaign_id" integer NOT NULL,
	"region_id" integer NOT NULL,
	"municipality_id" integer NOT NULL,
	"regional_program_id" integer NOT NULL,
	"status" text NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"return_comment" text,
	"accepted_at" timestamp with time zone,
	"accepted_results" jsonb,
	"accepted_forms" jsonb,
	"accepted_snapshot" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "regional_muko_scores" ADD CONSTRAINT "regional_muko_scores_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_muko_scores" ADD CONSTRAINT "regional_muko_scores_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_muko_scores" ADD CONSTRAINT "regional_muko_scores_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_submission_events" ADD CONSTRAINT "regional_submission_events_submission_id_regional_submissions_id_fk" FOREIGN KEY ("submission_id") REFERENCES "public"."regional_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_submission_events" ADD CONSTRAINT "regional_submission_events_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_submissions" ADD CONSTRAINT "regional_submissions_campaign_id_campaigns_id_fk" FOREIGN KEY ("campaign_id") REFERENCES "public"."campaigns"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_submissions" ADD CONSTRAINT "regional_submissions_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_submissions" ADD CONSTRAINT "regional_submissions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "regional_submissions" ADD CONSTRAINT "regional_submissions_regional_program_id_regional_programs_id_fk" FOREIGN KEY ("regional_program_id") REFERENCES "public"."regional_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "regional_muko_scores_municipality_id_year_element_key_index" ON "regional_muko_scores" USING btree ("municipality_id","year","element_key");--> statement-breakpoint
CREATE INDEX "regional_muko_scores_region_id_year_index" ON "regional_muko_scores" USING btree ("region_id","year");--> statement-breakpoint
CREATE INDEX "regional_submission_events_submission_id_index" ON "regional_submission_events" USING btree ("submission_id");--> statement-breakpoint
CREATE UNIQUE INDEX "regional_submissions_campaign_id_index" ON "regional_submissions" USING btree ("campaign_id");--> statement-breakpoint
CREATE INDEX "regional_submissions_region_id_status_index" ON "regional_submissions" USING btree ("region_id","status");