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

/* A new ticket's text into the index (search_catch_up makes it again). */
#define TEXT_NEW							\
    " AFTER INSERT ON ticket BEGIN"					\
    " INSERT INTO ticket_text (rowid, subject, body)"			\
    " VALUES (new.id, new.subject, new.body); END;"

static const char setup_sqlite[] =
    "CREATE VIRTUAL TABLE IF NOT EXISTS ticket_text USING fts5(subject, body,"
    " content='ticket', content_rowid='id', tokenize='trigram');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS reply_text USING fts5(body,"
    " content='reply', content_rowid='id', tokenize='trigram');"
    "CREATE TRIGGER IF NOT EXISTS ticket_text_new" TEXT_NEW
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
 * The tickets an import makes go into the text index together, just
 * before each commit, not one by one from the trigger: once the FTS5
 * table is written in a transaction, SQLite (3.40) flushes its pending
 * terms to a segment of their own at every statement's savepoint, and
 * a trigger gives every INSERT of a ticket one (with a journal of each
 * page it writes), which made that flush, the merging of the segments
 * and the journal some 40% of an import's time.  The trigger is
 * dropped inside the importing transaction and made again, after the
 * tickets from *from on are indexed, before its commit: a kill rolls
 * back both, and no other writer runs in between.  PostgreSQL's GIN
 * indexes need none of this.
 */
static const char defer_sqlite[] =
    "DROP TRIGGER IF EXISTS ticket_text_new;";
static const char next_id_sqlite[] =
    "SELECT coalesce(max(id), 0) + 1 FROM ticket";
static const char catch_up_sqlite[] =
    "INSERT INTO ticket_text (rowid, subject, body)"
    " SELECT id, subject, body FROM ticket WHERE id >= $1";
static const char trigger_sqlite[] =
    "CREATE TRIGGER ticket_text_new" TEXT_NEW;

int
search_defer(struct db *db, int64_t *from)
{
	struct db_stmt	*st;

	*from = 0;
	/* No text of its own: a backend whose index needs no help. */
	if (*db_text(db, "", defer_sqlite) == '\0')
		return 0;
	if ((st = db_stmt(db, next_id_sqlite)) == NULL)
		return CS_SOFTWARE;
	if (db_step(st) != DB_ROW) {
		db_reset(st);
		return db_fail(db, "ticket");
	}
	*from = db_col_int(st, 0);
	db_reset(st);
	if (db_exec(db, defer_sqlite) == -1)
		return db_fail(db, "ticket_text_new");
	return 0;
}

int
search_catch_up(struct db *db, int64_t from)
{
	struct db_stmt	*st;

	if (from == 0)
		return 0;
	if ((st = db_stmt(db, catch_up_sqlite)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, from);
	if (db_step(st) != DB_DONE) {
		db_reset(st);
		return db_fail(db, "ticket_text");
	}
	db_reset(st);
	if (db_exec(db, trigger_sqlite) == -1)
		return db_fail(db, "ticket_text_new");
	return 0;
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
