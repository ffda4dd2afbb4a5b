ALTER TABLE `video_shots` ADD `failure_code` text;--> statement-breakpoint
ALTER TABLE `video_shots` ADD `failure_values` text;--> statement-breakpoint
ALTER TABLE `videos` ADD `failure_code` text;--> statement-breakpoint
ALTER TABLE `videos` ADD `failure_values` text;