CREATE TABLE "practice_authors" (
	"practice_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	CONSTRAINT "practice_authors_practice_id_teacher_id_pk" PRIMARY KEY("practice_id","teacher_id")
);
--> statement-breakpoint
CREATE TABLE "practice_deficits" (
	"practice_id" integer NOT NULL,
	"deficit_code" text NOT NULL,
	CONSTRAINT "practice_deficits_practice_id_deficit_code_pk" PRIMARY KEY("practice_id","deficit_code")
);
--> statement-breakpoint
CREATE TABLE "practice_events" (
	"practice_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	CONSTRAINT "practice_events_practice_id_event_id_pk" PRIMARY KEY("practice_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "practice_files" (
	"practice_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	CONSTRAINT "practice_files_practice_id_file_id_pk" PRIMARY KEY("practice_id","file_id")
);
--> statement-breakpoint
CREATE TABLE "practice_reviews" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "practice_reviews_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"practice_id" integer NOT NULL,
	"reviewer_id" integer NOT NULL,
	"scores" jsonb,
	"total" integer,
	"comment" text,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_transitions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "practice_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"practice_id" integer NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"comment" text,
	"user_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "practices_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"organization_id" integer,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"subject" text,
	"stage" text,
	"description" text,
	"links" text[] DEFAULT '{}' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"review_body" text,
	"association_id" integer,
	"reason" text,
	"is_public" boolean DEFAULT false NOT NULL,
	"published_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "practice_authors" ADD CONSTRAINT "practice_authors_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_authors" ADD CONSTRAINT "practice_authors_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_deficits" ADD CONSTRAINT "practice_deficits_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_deficits" ADD CONSTRAINT "practice_deficits_deficit_code_deficits_code_fk" FOREIGN KEY ("deficit_code") REFERENCES "public"."deficits"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_events" ADD CONSTRAINT "practice_events_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_events" ADD CONSTRAINT "practice_events_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_files" ADD CONSTRAINT "practice_files_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_files" ADD CONSTRAINT "practice_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reviews" ADD CONSTRAINT "practice_reviews_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_reviews" ADD CONSTRAINT "practice_reviews_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_transitions" ADD CONSTRAINT "practice_transitions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "practice_authors_teacher_id_index" ON "practice_authors" USING btree ("teacher_id");--> statement-breakpoint
CREATE INDEX "practice_deficits_deficit_code_index" ON "practice_deficits" USING btree ("deficit_code");--> statement-breakpoint
CREATE INDEX "practice_events_event_id_index" ON "practice_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "practice_files_file_id_index" ON "practice_files" USING btree ("file_id");--> statement-breakpoint
CREATE INDEX "practice_reviews_practice_id_index" ON "practice_reviews" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "practice_reviews_reviewer_id_index" ON "practice_reviews" USING btree ("reviewer_id");--> statement-breakpoint
CREATE INDEX "practice_transitions_practice_id_index" ON "practice_transitions" USING btree ("practice_id");--> statement-breakpoint
CREATE INDEX "practices_municipality_id_status_index" ON "practices" USING btree ("municipality_id","status");--> statement-breakpoint
CREATE INDEX "practices_organization_id_index" ON "practices" USING btree ("organization_id");