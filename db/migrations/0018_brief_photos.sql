CREATE TABLE `brief_photos` (
	`brief_id` text NOT NULL,
	`image_id` text NOT NULL,
	`position` integer NOT NULL,
	`role` text NOT NULL,
	PRIMARY KEY(`brief_id`, `position`),
	FOREIGN KEY (`brief_id`) REFERENCES `briefs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`image_id`) REFERENCES `images`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `brief_photos_image` ON `brief_photos` (`image_id`);--> statement-breakpoint
-- Every existing brief's one photo becomes its main photo, first in the order.
INSERT INTO `brief_photos` (`brief_id`, `image_id`, `position`, `role`)
SELECT `id`, `image_id`, 1, 'main' FROM `briefs` WHERE `image_id` IS NOT NULL;
