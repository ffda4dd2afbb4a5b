CREATE TABLE `screenplay_drafts` (
	`brief_id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`based_on` text,
	`body` text NOT NULL,
	`written_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`brief_id`) REFERENCES `briefs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`based_on`) REFERENCES `screenplays`(`id`) ON UPDATE no action ON DELETE set null
);
