CREATE TABLE "methodical_specialists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "methodical_specialists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"municipality_id" integer NOT NULL,
	"full_name" text NOT NULL,
	"roles" text[] NOT NULL,
	"other_role" text,
	"workplace" text,
	"subjects" text[] DEFAULT '{}'::text[] NOT NULL,
	"email" text,
	"phone" text,
	"is_active" boolean DEFAULT true NOT NULL,
	"user_id" integer,
	"notes" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_scope";--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "curator_id" integer;--> statement-breakpoint
ALTER TABLE "routes" ADD COLUMN "tutor_id" integer;--> statement-breakpoint
ALTER TABLE "methodical_specialists" ADD CONSTRAINT "methodical_specialists_municipality_id_municipalities_id_fk" FOREIGN KEY ("municipality_id") REFERENCES "public"."municipalities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "methodical_specialists" ADD CONSTRAINT "methodical_specialists_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "methodical_specialists_municipality_id_is_active_index" ON "methodical_specialists" USING btree ("municipality_id","is_active");--> statement-breakpoint
CREATE UNIQUE INDEX "methodical_specialists_user_unique" ON "methodical_specialists" USING btree ("user_id");--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_curator_id_methodical_specialists_id_fk" FOREIGN KEY ("curator_id") REFERENCES "public"."methodical_specialists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "routes" ADD CONSTRAINT "routes_tutor_id_methodical_specialists_id_fk" FOREIGN KEY ("tutor_id") REFERENCES "public"."methodical_specialists"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "routes_curator_id_index" ON "routes" USING btree ("curator_id");--> statement-breakpoint
CREATE INDEX "routes_tutor_id_index" ON "routes" USING btree ("tutor_id");--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_scope" CHECK (("user_roles"."role" = 'admin')
        or ("user_roles"."role" = 'coordinator' and "user_roles"."municipality_id" is not null)
        or ("user_roles"."role" in ('org_manager', 'teacher') and "user_roles"."organization_id" is not null)
        or ("user_roles"."role" = 'association_leader' and "user_roles"."association_id" is not null)
        or ("user_roles"."role" = 'specialist' and "user_roles"."municipality_id" is not null));