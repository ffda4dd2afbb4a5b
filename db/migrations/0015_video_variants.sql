ALTER TABLE `videos` ADD `variant_group_id` text;--> statement-breakpoint
ALTER TABLE `videos` ADD `variant_position` integer;--> statement-breakpoint
ALTER TABLE `videos` ADD `variant_tone` text;--> statement-breakpoint
ALTER TABLE `videos` ADD `variant_music` text;--> statement-breakpoint
CREATE INDEX `videos_variant_group` ON `videos` (`variant_group_id`);