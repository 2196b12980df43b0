-- 023-remove-leads-email-unique: the SQL twin of the Sequelize migration 023-remove-leads-email-unique.js (up: removeIndex(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 023-remove-leads-email-unique.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 23;
