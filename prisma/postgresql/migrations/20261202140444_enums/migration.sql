-- The free-text columns become enums. Columns change type in place (USING a
-- cast), so every row keeps its value and the columns keep their positions; a
-- value outside the enum would stop the migration rather than be lost.
CREATE TYPE "RevisionOrigin" AS ENUM ('machine', 'human', 'memory');
CREATE TYPE "RevisionEvent" AS ENUM ('translate', 'edit', 'revert', 'review', 'memory');
CREATE TYPE "GlossaryCategory" AS ENUM ('organization', 'person', 'place', 'title', 'acronym', 'phrase');
CREATE TYPE "GlossaryOrigin" AS ENUM ('seed', 'user');

ALTER TABLE "Revision"
  ALTER COLUMN "origin" TYPE "RevisionOrigin" USING "origin"::"RevisionOrigin",
  ALTER COLUMN "event" TYPE "RevisionEvent" USING "event"::"RevisionEvent";

ALTER TABLE "GlossaryEntry"
  ALTER COLUMN "category" TYPE "GlossaryCategory" USING "category"::"GlossaryCategory",
  ALTER COLUMN "origin" DROP DEFAULT,
  ALTER COLUMN "origin" TYPE "GlossaryOrigin" USING "origin"::"GlossaryOrigin",
  ALTER COLUMN "origin" SET DEFAULT 'user';
