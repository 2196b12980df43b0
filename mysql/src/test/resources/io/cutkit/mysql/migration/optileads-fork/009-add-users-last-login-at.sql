-- 009-add-users-last-login-at: the SQL twin of the Sequelize migration 009-add-users-last-login-at.js (up: addColumn(users)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 009-add-users-last-login-at.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 9;
