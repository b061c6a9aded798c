ALTER TABLE "user_roles" DROP CONSTRAINT "user_roles_scope";--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "region_id" integer;--> statement-breakpoint
ALTER TABLE "user_roles" ADD COLUMN "personal_data" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_scope" CHECK (("user_roles"."role" = 'admin')
        or ("user_roles"."role" = 'coordinator' and "user_roles"."municipality_id" is not null)
        or ("user_roles"."role" in ('org_manager', 'teacher') and "user_roles"."organization_id" is not null)
        or ("user_roles"."role" = 'association_leader' and "user_roles"."association_id" is not null)
        or ("user_roles"."role" = 'specialist' and "user_roles"."municipality_id" is not null)
        or ("user_roles"."role" = 'regional_coordinator' and "user_roles"."region_id" is not null));