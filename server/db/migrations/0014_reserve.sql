CREATE TABLE "reserve_candidates" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reserve_candidates_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"organization_id" integer,
	"teacher_id" integer,
	"full_name" text,
	"contact" text,
	"position_kind_id" integer NOT NULL,
	"order_number" text NOT NULL,
	"order_date" date NOT NULL,
	"included_date" date NOT NULL,
	"reviewed_date" date,
	"status" text DEFAULT 'reserve' NOT NULL,
	"decision_date" date,
	"appointed_position" text,
	"appointed_organization_id" integer,
	"exclusion_reason" text,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserve_plan_items" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reserve_plan_items_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"candidate_id" integer NOT NULL,
	"kind" text NOT NULL,
	"training_id" integer,
	"route_id" integer,
	"event_id" integer,
	"title" text,
	"due_date" date,
	"done_date" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reserve_position_kinds" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reserve_position_kinds_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer,
	"code" text,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "reserve_candidates" ADD CONSTRAINT "reserve_candidates_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_candidates" ADD CONSTRAINT "reserve_candidates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_candidates" ADD CONSTRAINT "reserve_candidates_teacher_id_teachers_id_fk" FOREIGN KEY ("teacher_id") REFERENCES "public"."teachers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_candidates" ADD CONSTRAINT "reserve_candidates_position_kind_id_reserve_position_kinds_id_fk" FOREIGN KEY ("position_kind_id") REFERENCES "public"."reserve_position_kinds"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_candidates" ADD CONSTRAINT "reserve_candidates_appointed_organization_id_organizations_id_fk" FOREIGN KEY ("appointed_organization_id") REFERENCES "public"."organizations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_plan_items" ADD CONSTRAINT "reserve_plan_items_candidate_id_reserve_candidates_id_fk" FOREIGN KEY ("candidate_id") REFERENCES "public"."reserve_candidates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_plan_items" ADD CONSTRAINT "reserve_plan_items_training_id_trainings_id_fk" FOREIGN KEY ("training_id") REFERENCES "public"."trainings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_plan_items" ADD CONSTRAINT "reserve_plan_items_route_id_routes_id_fk" FOREIGN KEY ("route_id") REFERENCES "public"."routes"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_plan_items" ADD CONSTRAINT "reserve_plan_items_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reserve_position_kinds" ADD CONSTRAINT "reserve_position_kinds_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "reserve_candidates_municipality_id_status_index" ON "reserve_candidates" USING btree ("municipality_id","status");--> statement-breakpoint
CREATE INDEX "reserve_candidates_organization_id_index" ON "reserve_candidates" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "reserve_candidates_teacher_id_index" ON "reserve_candidates" USING btree ("teacher_id");--> statement-breakpoint
CREATE INDEX "reserve_plan_items_candidate_id_index" ON "reserve_plan_items" USING btree ("candidate_id");--> statement-breakpoint
CREATE UNIQUE INDEX "reserve_position_kinds_code_index" ON "reserve_position_kinds" USING btree ("code");--> statement-breakpoint
CREATE UNIQUE INDEX "reserve_position_kinds_name_unique" ON "reserve_position_kinds" USING btree (coalesce("municipality_id", 0),lower("name"));--> statement-breakpoint
INSERT INTO "reserve_position_kinds" ("code", "name") VALUES
	('head', 'руководитель ОО'),
	('deputy_head', 'заместитель руководителя'),
	('methodist', 'методист'),
	('tutor', 'тьютор'),
	('mentor', 'наставник'),
	('association_head', 'руководитель МО');
