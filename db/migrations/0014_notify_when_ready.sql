ALTER TABLE `users` ADD `notify_when_ready` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `videos` ADD `notify_when_ready` integer DEFAULT false NOT NULL;