-- 006-add-leads-assigned-user-id: the SQL twin of the Sequelize migration 006-add-leads-assigned-user-id.js (up: addColumn(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 006-add-leads-assigned-user-id.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 6;
