-- 034-create-settings: the SQL twin of the Sequelize migration 034-create-settings.js (up: createTable(settings)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 034-create-settings.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 34;
