-- Translation memory keys fold the modifier-letter apostrophe (U+02BC) to "'",
-- as every other text rule does; rewrite the keys stored before that rule.
UPDATE "Segment" SET "sourceKey" = replace("sourceKey", 'ʼ', '''') WHERE "sourceKey" LIKE '%ʼ%';
