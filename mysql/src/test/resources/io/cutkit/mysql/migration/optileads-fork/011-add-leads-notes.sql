-- 011-add-leads-notes: the SQL twin of the Sequelize migration 011-add-leads-notes.js (up: addColumn(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 011-add-leads-notes.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 11;
