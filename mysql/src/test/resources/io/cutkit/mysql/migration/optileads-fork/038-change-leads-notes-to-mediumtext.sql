-- 038-change-leads-notes-to-mediumtext: the SQL twin of the Sequelize migration 038-change-leads-notes-to-mediumtext.js (up: changeColumn(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 038-change-leads-notes-to-mediumtext.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 38;
