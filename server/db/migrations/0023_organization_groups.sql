CREATE TABLE "organization_group_members" (
	"group_id" integer NOT NULL,
	"organization_id" integer NOT NULL,
	CONSTRAINT "organization_group_members_group_id_organization_id_pk" PRIMARY KEY("group_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "organization_groups" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "organization_groups_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_partnership_events" (
	"partnership_id" integer NOT NULL,
	"event_id" integer NOT NULL,
	CONSTRAINT "school_partnership_events_partnership_id_event_id_pk" PRIMARY KEY("partnership_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "school_partnerships" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "school_partnerships_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"strong_organization_id" integer NOT NULL,
	"weak_organization_id" integer NOT NULL,
	"title" text NOT NULL,
	"start_date" date NOT NULL,
	"end_date" date,
	"plan" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"outcomes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "school_partnerships_two_schools" CHECK ("school_partnerships"."strong_organization_id" <> "school_partnerships"."weak_organization_id"),
	CONSTRAINT "school_partnerships_dates" CHECK ("school_partnerships"."end_date" is null or "school_partnerships"."end_date" >= "school_partnerships"."start_date")
);
--> statement-breakpoint
ALTER TABLE "organization_group_members" ADD CONSTRAINT "organization_group_members_group_id_organization_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."organization_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_group_members" ADD CONSTRAINT "organization_group_members_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organization_groups" ADD CONSTRAINT "organization_groups_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_partnership_events" ADD CONSTRAINT "school_partnership_events_partnership_id_school_partnerships_id_fk" FOREIGN KEY ("partnership_id") REFERENCES "public"."school_partnerships"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_partnership_events" ADD CONSTRAINT "school_partnership_events_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_partnerships" ADD CONSTRAINT "school_partnerships_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_partnerships" ADD CONSTRAINT "school_partnerships_strong_organization_id_organizations_id_fk" FOREIGN KEY ("strong_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_partnerships" ADD CONSTRAINT "school_partnerships_weak_organization_id_organizations_id_fk" FOREIGN KEY ("weak_organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "organization_group_members_organization_id_index" ON "organization_group_members" USING btree ("organization_id");--> statement-breakpoint
CREATE UNIQUE INDEX "organization_groups_municipality_id_name_index" ON "organization_groups" USING btree ("municipality_id","name");--> statement-breakpoint
CREATE INDEX "school_partnership_events_event_id_index" ON "school_partnership_events" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "school_partnerships_municipality_id_index" ON "school_partnerships" USING btree ("municipality_id");--> statement-breakpoint
CREATE INDEX "school_partnerships_weak_organization_id_index" ON "school_partnerships" USING btree ("weak_organization_id");