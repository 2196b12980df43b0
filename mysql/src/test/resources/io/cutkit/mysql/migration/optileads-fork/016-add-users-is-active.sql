-- 016-add-users-is-active: the SQL twin of the Sequelize migration 016-add-users-is-active.js (up: addColumn(users)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 016-add-users-is-active.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 16;
