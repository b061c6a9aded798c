CREATE TABLE "target_students" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "target_students_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organization_id" integer NOT NULL,
	"full_name" text NOT NULL,
	"university" text NOT NULL,
	"specialty" text NOT NULL,
	"subject" text NOT NULL,
	"graduation_year" integer NOT NULL,
	"contract_number" text NOT NULL,
	"contract_date" date NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "target_students" ADD CONSTRAINT "target_students_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "target_students_organization_id_index" ON "target_students" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "target_students_graduation_year_index" ON "target_students" USING btree ("graduation_year");