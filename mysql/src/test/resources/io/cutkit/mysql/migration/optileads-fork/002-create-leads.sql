-- 002-create-leads: the SQL twin of the Sequelize migration 002-create-leads.js (up: createTable(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 002-create-leads.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 2;
