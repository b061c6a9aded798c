CREATE TABLE "recommendation_reports" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "recommendation_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"recommendation_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"report" text,
	"reported_at" timestamp with time zone,
	"reported_by" text,
	"review_comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "recommendation_files" ADD COLUMN "report_id" integer;--> statement-breakpoint
ALTER TABLE "recommendation_reports" ADD CONSTRAINT "recommendation_reports_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_reports" ADD CONSTRAINT "recommendation_reports_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "recommendation_reports_recommendation_id_organization_id_index" ON "recommendation_reports" USING btree ("recommendation_id","organization_id");--> statement-breakpoint
CREATE INDEX "recommendation_reports_organization_id_index" ON "recommendation_reports" USING btree ("organization_id");--> statement-breakpoint
ALTER TABLE "recommendation_files" ADD CONSTRAINT "recommendation_files_report_id_recommendation_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."recommendation_reports"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_files_report_id_index" ON "recommendation_files" USING btree ("report_id");