-- 035-add-leads-score: the SQL twin of the Sequelize migration 035-add-leads-score.js (up: addColumn(leads)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 035-add-leads-score.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 35;
