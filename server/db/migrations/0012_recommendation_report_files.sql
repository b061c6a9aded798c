CREATE TABLE "recommendation_files" (
	"recommendation_id" integer NOT NULL,
	"file_id" integer NOT NULL,
	CONSTRAINT "recommendation_files_recommendation_id_file_id_pk" PRIMARY KEY("recommendation_id","file_id")
);
--> statement-breakpoint
ALTER TABLE "recommendations" ADD COLUMN "review_comment" text;--> statement-breakpoint
ALTER TABLE "recommendation_files" ADD CONSTRAINT "recommendation_files_recommendation_id_recommendations_id_fk" FOREIGN KEY ("recommendation_id") REFERENCES "public"."recommendations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendation_files" ADD CONSTRAINT "recommendation_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendation_files_file_id_index" ON "recommendation_files" USING btree ("file_id");