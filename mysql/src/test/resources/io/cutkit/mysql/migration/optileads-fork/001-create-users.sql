-- 001-create-users: the SQL twin of the Sequelize migration 001-create-users.js (up: createTable(users)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 001-create-users.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 1;
