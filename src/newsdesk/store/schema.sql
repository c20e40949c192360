-- newsdesk SQLite schema, as forward migrations.
--
-- Each step begins with a line "-- migration N: what it does" (N = 1, 2, 3, ...
-- with no gaps). newsdesk.store.sqlite applies, in order and one transaction
-- per step, every step above the version recorded in schema_version, then
-- records it there. Never edit a released step: append a new one (ALTER TABLE,
-- CREATE INDEX, a data fix) below the last.
--
-- Offsets (start, "end") are half-open character offsets into articles.text.
-- Full-text search: FTS5 external-content tables kept in sync by triggers;
-- tokenizer unicode61 (lower-cases Latin and Cyrillic; remove_diacritics 2
-- folds Latin accents, e.g. Müller = muller). unicode61 does not fold
-- Cyrillic letters, so the triggers index Russian ё as е (a 1:1 letter
-- swap that keeps token positions, so snippets still show the original text);
-- the store folds queries the same way. Do not run the FTS 'rebuild' command:
-- it would index without that folding (delete and re-add articles instead).

-- migration 1: articles, sources, entities, quotes, full-text indexes
CREATE TABLE schema_version (
    version     INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at  TEXT NOT NULL                 -- ISO 8601 UTC
);

CREATE TABLE articles (
    seq            INTEGER PRIMARY KEY,       -- stable row number, the FTS rowid
    id             TEXT NOT NULL UNIQUE,      -- Article.id: content hash over lang + text
    source         TEXT NOT NULL,             -- the first source it was read from
    lang           TEXT NOT NULL CHECK (lang IN ('en', 'ru', 'uk')),
    title          TEXT,
    section        TEXT,
    url            TEXT,
    published_date TEXT,                      -- YYYY-MM-DD when fully known, else NULL
    published_json TEXT,                      -- the "published" object of the JSON contract
    text           TEXT NOT NULL,
    json           TEXT NOT NULL,             -- the whole article, newsdesk.article/1
    ingested_at    TEXT NOT NULL              -- ISO 8601 UTC
);
CREATE INDEX articles_lang ON articles (lang);
CREATE INDEX articles_published ON articles (published_date);

-- Every source an article was read from (the same text under two URLs is one article).
CREATE TABLE sources (
    source     TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (source, article_id)
) WITHOUT ROWID;
CREATE INDEX sources_article ON sources (article_id);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx        INTEGER NOT NULL,              -- position in Article.entities
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    text       TEXT NOT NULL,
    label      TEXT NOT NULL CHECK (label IN ('PER', 'ORG', 'LOC', 'MISC')),
    lemma      TEXT NOT NULL,
    key        TEXT NOT NULL,
    name       TEXT NOT NULL,
    PRIMARY KEY (article_id, idx)
) WITHOUT ROWID;
CREATE INDEX entities_key ON entities (key);

CREATE TABLE quotes (
    qid                  INTEGER PRIMARY KEY, -- stable row number, the FTS rowid
    article_id           TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx                  INTEGER NOT NULL,    -- position in Article.quotes
    kind                 TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
    start                INTEGER NOT NULL,
    "end"                INTEGER NOT NULL,
    text                 TEXT NOT NULL,
    opening_mark_missing INTEGER NOT NULL,
    closing_mark_missing INTEGER NOT NULL,
    speaker_start        INTEGER,
    speaker_end          INTEGER,
    speaker_text         TEXT,
    speaker_key          TEXT,                -- e.g. per:jens stoltenberg; NULL when unresolved
    speaker_name         TEXT,
    cue_start            INTEGER,
    cue_end              INTEGER,
    cue_text             TEXT,
    cue_lemma            TEXT,
    UNIQUE (article_id, idx)
);
CREATE INDEX quotes_speaker_key ON quotes (speaker_key);

CREATE VIRTUAL TABLE articles_fts USING fts5 (
    title, text,
    content = 'articles', content_rowid = 'seq',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
    INSERT INTO articles_fts (rowid, title, text)
    VALUES (new.seq,
            replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'));
END;
CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq,
            replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'));
END;
CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, text ON articles BEGIN
    INSERT INTO articles_fts (articles_fts, rowid, title, text)
    VALUES ('delete', old.seq,
            replace(replace(old.title, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'));
    INSERT INTO articles_fts (rowid, title, text)
    VALUES (new.seq,
            replace(replace(new.title, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'));
END;

CREATE VIRTUAL TABLE quotes_fts USING fts5 (
    text, speaker_name,
    content = 'quotes', content_rowid = 'qid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
    INSERT INTO quotes_fts (rowid, text, speaker_name)
    VALUES (new.qid,
            replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(new.speaker_name, 'ё', 'е'), 'Ё', 'Е'));
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
    VALUES ('delete', old.qid,
            replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(old.speaker_name, 'ё', 'е'), 'Ё', 'Е'));
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text, speaker_name ON quotes BEGIN
    INSERT INTO quotes_fts (quotes_fts, rowid, text, speaker_name)
    VALUES ('delete', old.qid,
            replace(replace(old.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(old.speaker_name, 'ё', 'е'), 'Ё', 'Е'));
    INSERT INTO quotes_fts (rowid, text, speaker_name)
    VALUES (new.qid,
            replace(replace(new.text, 'ё', 'е'), 'Ё', 'Е'),
            replace(replace(new.speaker_name, 'ё', 'е'), 'Ё', 'Е'));
END;

-- migration 2: canonical entities linked across documents, languages and scripts; aliases; mentions point to them
-- The per-article table "entities" of step 1 becomes "mentions" (one row per Mention, its document-level key
-- kept); "entities" now holds one row per canonical entity and "aliases" every name it was written under.
-- newsdesk.store.sqlite links each new article's mentions to these rows (newsdesk.nlp.linking.choose_entity).
-- Rows of an older database get one entity per distinct key here; the SQL functions newsdesk_name_key,
-- newsdesk_block and newsdesk_script are registered by newsdesk.store.sqlite.migrate.
ALTER TABLE entities RENAME TO mentions;
DROP INDEX entities_key;
CREATE INDEX mentions_key ON mentions (key);

CREATE TABLE entities (
    id         INTEGER PRIMARY KEY,
    key        TEXT NOT NULL UNIQUE,          -- linking key: per:jens stoltenberg, org:nato, loc:ukraine
    label      TEXT NOT NULL CHECK (label IN ('PER', 'ORG', 'LOC', 'MISC')),
    name       TEXT NOT NULL,                 -- the first name it was stored under (the fallback display name)
    name_en    TEXT,                          -- canonical name per language; NULL until known
    name_ru    TEXT,
    name_uk    TEXT
);
CREATE INDEX entities_label ON entities (label);

CREATE TABLE aliases (
    entity_id  INTEGER NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    alias      TEXT NOT NULL,                 -- a name as written in the nominative: Столтенберг, NATO
    lang       TEXT NOT NULL CHECK (lang IN ('en', 'ru', 'uk')),
    script     TEXT NOT NULL CHECK (script IN ('Latn', 'Cyrl', 'Zyyy')),   -- ISO 15924
    key        TEXT NOT NULL,                 -- its comparison form (newsdesk.nlp.linking.name_key): stoltenberg
    block      TEXT NOT NULL,                 -- blocking key (newsdesk.nlp.linking.blocking_key): stltnbrg
    PRIMARY KEY (entity_id, alias, lang)
) WITHOUT ROWID;
CREATE INDEX aliases_block ON aliases (block);
CREATE INDEX aliases_key ON aliases (key);

ALTER TABLE mentions ADD COLUMN entity_id INTEGER REFERENCES entities (id);
ALTER TABLE quotes ADD COLUMN speaker_entity_id INTEGER REFERENCES entities (id);

INSERT INTO entities (key, label, name, name_en, name_ru, name_uk)
SELECT k.key,
       coalesce(
           (SELECT m.label FROM mentions m WHERE m.key = k.key GROUP BY m.label ORDER BY count(*) DESC LIMIT 1),
           CASE upper(substr(k.key, 1, instr(k.key, ':') - 1))
               WHEN 'PER' THEN 'PER' WHEN 'ORG' THEN 'ORG' WHEN 'LOC' THEN 'LOC' ELSE 'MISC' END),
       coalesce(
           (SELECT m.name FROM mentions m JOIN articles a ON a.id = m.article_id
             WHERE m.key = k.key AND m.name != '' ORDER BY a.seq, m.idx LIMIT 1),
           (SELECT q.speaker_name FROM quotes q WHERE q.speaker_key = k.key AND q.speaker_name != ''
             ORDER BY q.qid LIMIT 1),
           substr(k.key, instr(k.key, ':') + 1)),
       (SELECT m.name FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.key = k.key AND a.lang = 'en' AND m.name != '' ORDER BY a.seq, m.idx LIMIT 1),
       (SELECT m.name FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.key = k.key AND a.lang = 'ru' AND m.name != '' ORDER BY a.seq, m.idx LIMIT 1),
       (SELECT m.name FROM mentions m JOIN articles a ON a.id = m.article_id
         WHERE m.key = k.key AND a.lang = 'uk' AND m.name != '' ORDER BY a.seq, m.idx LIMIT 1)
FROM (SELECT key FROM mentions UNION SELECT speaker_key FROM quotes WHERE speaker_key IS NOT NULL) k
ORDER BY k.key;

INSERT OR IGNORE INTO aliases (entity_id, alias, lang, script, key, block)
SELECT e.id, n.alias, n.lang, newsdesk_script(n.alias), newsdesk_name_key(n.alias, n.lang),
       newsdesk_block(n.alias, n.lang)
FROM (SELECT m.key AS key, CASE WHEN m.lemma != '' THEN m.lemma ELSE m.text END AS alias, a.lang AS lang
        FROM mentions m JOIN articles a ON a.id = m.article_id
      UNION
      SELECT m.key, m.name, a.lang FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.name != ''
      UNION
      SELECT q.speaker_key, q.speaker_name, a.lang FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.speaker_key IS NOT NULL AND q.speaker_name IS NOT NULL AND q.speaker_name != '') n
JOIN entities e ON e.key = n.key
WHERE newsdesk_name_key(n.alias, n.lang) != '';

UPDATE mentions SET entity_id = (SELECT e.id FROM entities e WHERE e.key = mentions.key);
UPDATE quotes SET speaker_entity_id = (SELECT e.id FROM entities e WHERE e.key = quotes.speaker_key)
WHERE speaker_key IS NOT NULL;
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE INDEX quotes_speaker_entity ON quotes (speaker_entity_id);

-- migration 3: quotes keep their parts, addressee and statement (type, CAMEO code, target) as columns
ALTER TABLE quotes ADD COLUMN parts_json TEXT;          -- JSON [[start, end], ...] when the quote has several parts
ALTER TABLE quotes ADD COLUMN addressee_start INTEGER;
ALTER TABLE quotes ADD COLUMN addressee_end INTEGER;
ALTER TABLE quotes ADD COLUMN addressee_text TEXT;
ALTER TABLE quotes ADD COLUMN addressee_key TEXT;
ALTER TABLE quotes ADD COLUMN addressee_name TEXT;
ALTER TABLE quotes ADD COLUMN statement_type TEXT;      -- STATEMENT, APPEAL, DEMAND, ... (newsdesk.model.StatementType)
ALTER TABLE quotes ADD COLUMN statement_cameo TEXT;     -- its CAMEO top-level code, "01" .. "13"
ALTER TABLE quotes ADD COLUMN target_key TEXT;
ALTER TABLE quotes ADD COLUMN target_name TEXT;

UPDATE quotes SET
    parts_json = (SELECT CASE WHEN json_array_length(json_extract(a.json, '$.quotes[' || quotes.idx || '].parts')) > 0
                              THEN json_extract(a.json, '$.quotes[' || quotes.idx || '].parts') END
                    FROM articles a WHERE a.id = quotes.article_id),
    addressee_start = (SELECT json_extract(a.json, '$.quotes[' || quotes.idx || '].addressee.start')
                         FROM articles a WHERE a.id = quotes.article_id),
    addressee_end = (SELECT json_extract(a.json, '$.quotes[' || quotes.idx || '].addressee.end')
                       FROM articles a WHERE a.id = quotes.article_id),
    addressee_text = (SELECT json_extract(a.json, '$.quotes[' || quotes.idx || '].addressee.text')
                        FROM articles a WHERE a.id = quotes.article_id),
    addressee_key = (SELECT json_extract(a.json, '$.quotes[' || quotes.idx || '].addressee.key')
                       FROM articles a WHERE a.id = quotes.article_id),
    addressee_name = (SELECT json_extract(a.json, '$.quotes[' || quotes.idx || '].addressee.name')
                        FROM articles a WHERE a.id = quotes.article_id);
UPDATE quotes SET
    statement_type = (SELECT json_extract(s.value, '$.type') FROM articles a, json_each(a.json, '$.statements') s
                       WHERE a.id = quotes.article_id AND json_extract(s.value, '$.quote_index') = quotes.idx),
    statement_cameo = (SELECT json_extract(s.value, '$.cameo') FROM articles a, json_each(a.json, '$.statements') s
                        WHERE a.id = quotes.article_id AND json_extract(s.value, '$.quote_index') = quotes.idx),
    target_key = (SELECT json_extract(s.value, '$.target.key') FROM articles a, json_each(a.json, '$.statements') s
                   WHERE a.id = quotes.article_id AND json_extract(s.value, '$.quote_index') = quotes.idx),
    target_name = (SELECT json_extract(s.value, '$.target.name') FROM articles a, json_each(a.json, '$.statements') s
                    WHERE a.id = quotes.article_id AND json_extract(s.value, '$.quote_index') = quotes.idx);
CREATE INDEX quotes_statement_type ON quotes (statement_type);

-- migration 4: facts about the database itself (name -> value), first the version of the linking rules
-- Databases made before this step were keyed by linking rules version 1 (newsdesk.nlp.linking.RULES_VERSION);
-- newsdesk.store.migrations.refresh_linking_keys re-keys their aliases when the rules change.
CREATE TABLE meta (
    name  TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;
INSERT INTO meta (name, value) VALUES ('linking_rules', '1');

-- migration 5: quotes found in a headline the reader took off the body point into the title
-- (newsdesk.model.Quote.field); every quote stored before this step came from the body.
ALTER TABLE quotes ADD COLUMN field TEXT NOT NULL DEFAULT 'text';
