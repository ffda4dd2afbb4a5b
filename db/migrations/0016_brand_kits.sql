CREATE TABLE `brand_kits` (
	`user_id` text PRIMARY KEY NOT NULL,
	`primary_color` text,
	`accent_color` text,
	`font` text DEFAULT 'sans' NOT NULL,
	`handle` text,
	`corner_logo` integer DEFAULT false NOT NULL,
	`logo_sha256` text,
	`logo_width` integer,
	`logo_height` integer,
	`logo_bytes` integer,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `videos` ADD `brand_kit` text;