CREATE TABLE `render_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`video_id` text NOT NULL,
	`state` text NOT NULL,
	`lease_owner` text,
	`lease_expires_at` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`video_id`) REFERENCES `videos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `render_jobs_video` ON `render_jobs` (`video_id`);--> statement-breakpoint
CREATE INDEX `render_jobs_state` ON `render_jobs` (`state`,`lease_expires_at`);--> statement-breakpoint
CREATE TABLE `video_shots` (
	`id` text PRIMARY KEY NOT NULL,
	`video_id` text NOT NULL,
	`position` integer NOT NULL,
	`prompt` text NOT NULL,
	`caption` text NOT NULL,
	`duration_seconds` integer NOT NULL,
	`camera` text NOT NULL,
	`transition` text NOT NULL,
	`status` text NOT NULL,
	`task_id` text,
	`percent` integer DEFAULT 0 NOT NULL,
	`points_cost` integer,
	`failure_reason` text,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`video_id`) REFERENCES `videos`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `video_shots_position` ON `video_shots` (`video_id`,`position`);--> statement-breakpoint
CREATE TABLE `videos` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`brief_id` text NOT NULL,
	`screenplay_id` text NOT NULL,
	`image_id` text,
	`title` text NOT NULL,
	`aspect_ratio` text NOT NULL,
	`length_seconds` integer NOT NULL,
	`status` text NOT NULL,
	`failure_reason` text,
	`stitch_progress` integer DEFAULT 0 NOT NULL,
	`output_bytes` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`brief_id`) REFERENCES `briefs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`screenplay_id`) REFERENCES `screenplays`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `videos_user_created` ON `videos` (`user_id`,`created_at`);