CREATE TABLE "association_meetings" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "association_meetings_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"association_id" integer NOT NULL,
	"date" date NOT NULL,
	"topic" text NOT NULL,
	"plan" text,
	"is_held" boolean DEFAULT false NOT NULL,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "decisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "decisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"kind" text NOT NULL,
	"number" text,
	"date" date NOT NULL,
	"title" text NOT NULL,
	"url" text,
	"file_id" integer,
	"conclusion_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"measure_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "deficit_resources" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "deficit_resources_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"deficit_code" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"provider" text,
	"hours" integer,
	"url" text,
	"area" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "files" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "files_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"name" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" bigint NOT NULL,
	"content" "bytea" NOT NULL,
	"uploaded_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "measure_indicators" (
	"measure_id" integer NOT NULL,
	"program_id" integer NOT NULL,
	"indicator_code" text NOT NULL,
	CONSTRAINT "measure_indicators_measure_id_program_id_indicator_code_pk" PRIMARY KEY("measure_id","program_id","indicator_code")
);
--> statement-breakpoint
CREATE TABLE "measure_recommendations" (
	"measure_id" integer NOT NULL,
	"recommendation_id" integer NOT NULL,
	CONSTRAINT "measure_recommendations_measure_id_recommendation_id_pk" PRIMARY KEY("measure_id","recommendation_id")
);
--> statement-breakpoint
CREATE TABLE "measures" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "measures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"roadmap_id" integer NOT NULL,
	"section" text NOT NULL,
	"number" text NOT NULL,
	"title" text NOT NULL,
	"deadline_kind" text NOT NULL,
	"deadline_from" date,
	"deadline_to" date,
	"executors" text NOT NULL,
	"status" text DEFAULT 'planned' NOT NULL,
	"done_on" date,
	"evidence" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "meeting_attendance" (
	"meeting_id" integer NOT NULL,
	"teacher_id" integer NOT NULL,
	"is_present" boolean NOT NULL,
	CONSTRAINT "meeting_attendance_meeting_id_teacher_id_pk" PRIMARY KEY("meeting_id","teacher_id")
);
--> statement-breakpoint
CREATE TABLE "roadmaps" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "roadmaps_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"template_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "curator_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "curator_approved_by" text;--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "tutor_approved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "tutor_approved_by" text;--> statement-breakpoint
ALTER TABLE "association_meetings" ADD CONSTRAINT "association_meetings_association_id_associations_id_fk" FOREIGN KEY ("association_id") REFERENCES "public"."associations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "decisions" ADD CONSTRAINT "decisions_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deficit_resources" ADD CONSTRAINT "deficit_resources_deficit_code_deficits_code_fk" FOREIGN KEY ("deficit_code") REFERENCES "public"."deficits"("code") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "files" ADD CONSTRAINT "files_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_indicators" ADD CONSTRAINT "measure_indicators_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_indicators" ADD CONSTRAINT "measure_indicators_program_id_programs_id_fk" FOREIGN KEY ("program_id") REFERENCES "public"."programs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_recommendations" ADD CONSTRAINT "measure_recommendations_measure_id_measures_id_fk" FOREIGN KEY ("measure_id") REFERENCES "public"."measures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measure_recommendations" ADD CONSTRAINT "measure_recommendations_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "measures" ADD CONSTRAINT "measures_roadmap_id_roadmaps_id_fk" FOREIGN KEY ("roadmap_id") REFERENCES "public"."roadmaps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_meeting_id_association_meetings_id_fk" FOREIGN KEY ("meeting_id") REFERENCES "public"."association_meetings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "meeting_attendance" ADD CONSTRAINT "meeting_attendance_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roadmaps" ADD CONSTRAINT "roadmaps_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "association_meetings_association_id_date_index" ON "association_meetings" USING btree ("association_id","date");--> statement-breakpoint
CREATE INDEX "decisions_municipality_id_index" ON "decisions" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "deficit_resources_deficit_code_index" ON "deficit_resources" USING btree ("deficit_code");--> statement-breakpoint
CREATE INDEX "measures_roadmap_id_index" ON "measures" USING btree ("roadmap_id");--> statement-breakpoint
CREATE INDEX "roadmaps_municipality_id_index" ON "roadmaps" USING btree ("municipality_id");