-- 004-create-calls: the SQL twin of the Sequelize migration 004-create-calls.js (up: createTable(calls)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 004-create-calls.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 4;
