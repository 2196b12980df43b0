-- 025-create-email-templates: the SQL twin of the Sequelize migration 025-create-email-templates.js (up: createTable(email_templates)).
-- Applied long ago on both sides of the fork; recorded in SequelizeMeta as 025-create-email-templates.js.
-- Its schema arrives with the database dump, so this twin only identifies the
-- migration (name and content hash) and does nothing when run.
DO 25;
