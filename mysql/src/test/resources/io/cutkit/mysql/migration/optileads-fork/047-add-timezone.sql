-- 047-add-timezone: the SQL twin of the fork's Sequelize migration 047-add-timezone.js.
-- IANA zone of the lead (e.g. America/Chicago), so agents call within local business hours.
ALTER TABLE `leads` ADD COLUMN `timezone` VARCHAR(64) NULL;
