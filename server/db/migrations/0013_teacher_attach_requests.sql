CREATE TABLE "teacher_attach_requests" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "teacher_attach_requests_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"teacher_id" integer NOT NULL,
	"municipality_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	"position" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"requested_by" integer,
	"requested_by_name" text NOT NULL,
	"decided_by" integer,
	"decided_by_name" text,
	"decided_at" timestamp with time zone,
	"comment" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "teacher_attach_requests" ADD CONSTRAINT "teacher_attach_requests_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_attach_requests" ADD CONSTRAINT "teacher_attach_requests_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_attach_requests" ADD CONSTRAINT "teacher_attach_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_attach_requests" ADD CONSTRAINT "teacher_attach_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "teacher_attach_requests" ADD CONSTRAINT "teacher_attach_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "teacher_attach_requests_teacher_id_index" ON "teacher_attach_requests" USING btree ("teacher_id");--> statement-breakpoint
CREATE INDEX "teacher_attach_requests_organization_id_index" ON "teacher_attach_requests" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "teacher_attach_requests_teacher_id_organization_id_index" ON "teacher_attach_requests" USING btree ("teacher_id","organization_id") WHERE status = 'pending';