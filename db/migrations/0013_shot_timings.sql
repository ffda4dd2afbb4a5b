ALTER TABLE `video_shots` ADD `started_at` integer;--> statement-breakpoint
ALTER TABLE `video_shots` ADD `finished_at` integer;