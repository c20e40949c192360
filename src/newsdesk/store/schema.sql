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
