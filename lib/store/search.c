/*
 * search.c: the text index of tickets, replies and notes, and the
 * customer lookups a caller gives (the last four digits of a phone, a
 * name).  Full-text search is the one part of the schema each backend
 * does its own way, so it lives here, the two texts side by side.
 *
 * SQLite: FTS5 with the trigram tokenizer (3.34 or later), which finds
 * any run of three or more characters, Chinese without a word
 * segmenter; two external-content tables (the text is not stored
 * twice) kept in step by triggers, so every write fills them: the
 * desk's, an import's, and rows loaded with sqlite3 (scripts/gen).
 * PostgreSQL: pg_trgm's GIN indexes on the same columns, searched by
 * ILIKE (FTS5's trigrams fold case too), which they serve.
 */
#include "store.h"

static const char setup_pg[] =
    "CREATE EXTENSION IF NOT EXISTS pg_trgm;"
    "CREATE INDEX IF NOT EXISTS ticket_subject_trgm ON ticket"
    " USING gin (subject gin_trgm_ops);"
    "CREATE INDEX IF NOT EXISTS ticket_body_trgm ON ticket USING gin (body gin_trgm_ops);"
    "CREATE INDEX IF NOT EXISTS reply_body_trgm ON reply USING gin (body gin_trgm_ops);";

static const char setup_sqlite[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS ticket_text USING fts5(subject, body,"
    " content='ticket', content_rowid='id', tokenize='trigram');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS reply_text USING fts5(body,"
    " content='reply', content_rowid='id', tokenize='trigram');"
    "CREATE TRIGGER IF NOT EXISTS ticket_text_new AFTER INSERT ON ticket BEGIN"
    " INSERT INTO ticket_text (rowid, subject, body)"
    " VALUES (new.id, new.subject, new.body); END;"
    "CREATE TRIGGER IF NOT EXISTS ticket_text_gone AFTER DELETE ON ticket BEGIN"
    " INSERT INTO ticket_text (ticket_text, rowid, subject, body)"
    " VALUES ('delete', old.id, old.subject, old.body); END;"
    "CREATE TRIGGER IF NOT EXISTS ticket_text_set AFTER UPDATE OF subject, body ON ticket"
    " BEGIN"
    " INSERT INTO ticket_text (ticket_text, rowid, subject, body)"
    " VALUES ('delete', old.id, old.subject, old.body);"
    " INSERT INTO ticket_text (rowid, subject, body)"
    " VALUES (new.id, new.subject, new.body); END;"
    "CREATE TRIGGER IF NOT EXISTS reply_text_new AFTER INSERT ON reply BEGIN"
    " INSERT INTO reply_text (rowid, body) VALUES (new.id, new.body); END;"
    "CREATE TRIGGER IF NOT EXISTS reply_text_gone AFTER DELETE ON reply BEGIN"
    " INSERT INTO reply_text (reply_text, rowid, body)"
    " VALUES ('delete', old.id, old.body); END;"
    "CREATE TRIGGER IF NOT EXISTS reply_text_set AFTER UPDATE OF body, ticket_id ON reply"
    " BEGIN"
    " INSERT INTO reply_text (reply_text, rowid, body)"
    " VALUES ('delete', old.id, old.body);"
    " INSERT INTO reply_text (rowid, body) VALUES (new.id, new.body); END;"
    /*
     * What an older schema holds goes in now; IF NOT EXISTS and the
     * rebuild let a database rewound to an older version migrate again.
     */
    "INSERT INTO ticket_text (ticket_text) VALUES ('rebuild');"
    "INSERT INTO reply_text (reply_text) VALUES ('rebuild');";

int
search_setup(struct db *db)
{
	return db_exec(db, db_text(db, setup_pg, setup_sqlite));
}

/*
 * The tickets whose subject, body, reply or note holds $1 as it is
 * (a substring, any case the backend folds): a condition on t.id.
 */
static const char tickets_pg[] =
    " AND t.id IN (SELECT id FROM ticket WHERE subject ILIKE $1"
    " OR body ILIKE $1 UNION SELECT ticket_id FROM reply WHERE body ILIKE $1)";
/* One FTS5 phrase: the text in double quotes, its own doubled. */
static const char tickets_sqlite[] =
    " AND t.id IN (SELECT rowid FROM ticket_text WHERE ticket_text MATCH"
    " '\"' || replace($1, '\"', '\"\"') || '\"'"
    " UNION SELECT ticket_id FROM reply WHERE id IN (SELECT rowid FROM"
    " reply_text WHERE reply_text MATCH"
    " '\"' || replace($1, '\"', '\"\"') || '\"'))";

const char *
search_tickets(struct db *db, int *like)
{
	const char	*sql = db_text(db, tickets_pg, tickets_sqlite);

	/* LIKE wants the text as a pattern, its % _ \ escaped. */
	*like = sql == tickets_pg;
	return sql;
}
