-- 043-add-leads-deleted-at: the SQL twin of the Sequelize migration 043-add-leads-deleted-at.js (up: addColumn(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 043-add-leads-deleted-at.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 43;
