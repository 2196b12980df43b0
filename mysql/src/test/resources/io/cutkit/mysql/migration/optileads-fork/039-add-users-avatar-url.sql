-- 039-add-users-avatar-url: the SQL twin of the Sequelize migration 039-add-users-avatar-url.js (up: addColumn(users)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 039-add-users-avatar-url.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 39;
