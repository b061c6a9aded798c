CREATE TABLE "regional_programs" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "regional_programs_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"region_id" integer NOT NULL,
	"title" text NOT NULL,
	"program_version" integer DEFAULT 1 NOT NULL,
	"file" jsonb NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_scope";--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "region_id" integer;--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "personal_data" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "indicators" ADD COLUMN "is_regional" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "programs" ADD COLUMN "regional_program_id" integer;--> statement-breakpoint
ALTER TABLE "regional_programs" ADD CONSTRAINT "regional_programs_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "regional_programs_region_id_index" ON "regional_programs" USING btree ("region_id");--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "programs" ADD CONSTRAINT "programs_regional_program_id_regional_programs_id_fk" FOREIGN KEY ("regional_program_id") REFERENCES "public"."regional_programs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programs_regional_program_id_index" ON "programs" USING btree ("regional_program_id");--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_scope" CHECK (("user_roles"."role" = 'admin')
        or ("user_roles"."role" = 'coordinator' and "user_roles"."municipality_id" is not null)
        or ("user_roles"."role" in ('org_manager', 'teacher') and "user_roles"."organization_id" is not null)
        or ("user_roles"."role" = 'association_leader' and "user_roles"."association_id" is not null)
        or ("user_roles"."role" = 'specialist' and "user_roles"."municipality_id" is not null)
        or ("user_roles"."role" = 'regional_coordinator' and "user_roles"."region_id" is not null));