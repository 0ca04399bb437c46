/*
 * audit.c: the hash-chained audit trail.  Every change appends one record
 * in the same transaction as the change, so the trail and the data cannot
 * disagree.  Each record's hash covers its fields and the previous hash,
 * so editing or deleting a record breaks every link after it.
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <sha2.h>

#include "store.h"

static const char genesis[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

static void
hash_field(SHA2_CTX *ctx, const char *s, size_t n)
{
	/* Length-prefixed, so "ab","c" and "a","bc" hash differently. */
	char	 len[24], *p = len + sizeof(len);
	size_t	 v = n;

	/* "%zu:" written backwards, without printf: this runs per record. */
	*--p = ':';
	do
		*--p = '0' + v % 10;
	while ((v /= 10) != 0);
	SHA256Update(ctx, (const uint8_t *)p, len + sizeof(len) - p);
	SHA256Update(ctx, (const uint8_t *)s, n);
}

/* The text fields of a record, in the order they are hashed. */
#define AUDIT_NTEXT	7	/* user agent program action record detail prev */

/*
 * The hash of a record whose text fields are f[i], n[i] bytes each: all
 * of their bytes, so a NUL inside a field still counts.
 */
static void
hash_record(int64_t seq, int64_t at, const char *const *f,
    const size_t *n, char hex[65])
{
	SHA2_CTX	 ctx;
	char		 num[48];
	int		 i, k;

	SHA256Init(&ctx);
	k = snprintf(num, sizeof(num), "%lld %lld", (long long)seq,
	    (long long)at);
	hash_field(&ctx, num, (size_t)k);
	for (i = 0; i < AUDIT_NTEXT; i++)
		hash_field(&ctx, f[i], n[i]);
	SHA256End(&ctx, hex);
}

void
audit_hash(int64_t seq, int64_t at, const char *user, const char *agent,
    const char *program, const char *action, const char *record,
    const char *detail, const char *prev, char hex[65])
{
	const char	*f[AUDIT_NTEXT] = { user, agent, program, action, record,
			    detail, prev };
	size_t		 n[AUDIT_NTEXT];
	int		 i;

	for (i = 0; i < AUDIT_NTEXT; i++)
		n[i] = strlen(f[i]);
	hash_record(seq, at, f, n, hex);
}

static const char last_sql[] =
    "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1";
static const char insert_sql[] =
    "INSERT INTO audit (seq, at, \"user\", agent, program, action, record,"
    " detail, prev, hash) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10)";

int
audit_append(struct db *db, const struct agent *who, int64_t now,
    const char *action, const char *record, const char *detail)
{
	struct db_stmt	*st;
	char		 prev[65], hash[65];
	int64_t		 seq = 1;
	const char	*prog = getprogname();

	if (db_audit_tail(db, &seq, prev)) {
		/* The link this transaction wrote last. */
		seq++;
	} else {
		if ((st = db_stmt(db, last_sql)) == NULL)
			return CS_SOFTWARE;
		strlcpy(prev, genesis, sizeof(prev));
		switch (db_step(st)) {
		case DB_ROW:
			seq = db_col_int(st, 0) + 1;
			strlcpy(prev, db_col_text(st, 1), sizeof(prev));
			break;
		case DB_DONE:
			break;
		default:
			db_reset(st);
			return db_fail(db, "audit");
		}
		db_reset(st);
	}
	audit_hash(seq, now, who->user, who->name, prog, action, record,
	    detail, prev, hash);
	if ((st = db_stmt(db, insert_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, seq);
	db_bind_int(st, 2, now);
	db_bind_text(st, 3, who->user);
	db_bind_text(st, 4, who->name);
	db_bind_text(st, 5, prog);
	db_bind_text(st, 6, action);
	db_bind_text(st, 7, record);
	db_bind_text(st, 8, detail);
	db_bind_text(st, 9, prev);
	db_bind_text(st, 10, hash);
	if (db_step(st) != DB_DONE) {
		db_reset(st);
		db_audit_linked(db, 0, NULL);
		return db_fail(db, "audit");
	}
	db_reset(st);
	db_audit_linked(db, seq, hash);
	return 0;
}

/* 1 if text column col is exactly s, every byte of it. */
static int
column_is(struct db_stmt *st, int col, const char *s)
{
	const char	*v = db_col_text(st, col);
	size_t		 n = strlen(s);

	return v != NULL && db_col_bytes(st, col) == n &&
	    memcmp(v, s, n) == 0;
}

int
audit_verify(struct db *db, int64_t *bad, char last[65])
{
	struct db_stmt	*st;
	const char	*f[AUDIT_NTEXT];
	size_t		 n[AUDIT_NTEXT];
	char		 prev[65], hash[65];
	int64_t		 seq, want = 1;
	int		 rc, ok, i;

	*bad = 0;
	st = db_prepare(db, "SELECT seq, at, \"user\", agent, program, action,"
	    " record, detail, prev, hash FROM audit ORDER BY seq");
	if (st == NULL)
		return CS_SOFTWARE;
	strlcpy(prev, genesis, sizeof(prev));
	while ((rc = db_step(st)) == DB_ROW) {
		seq = db_col_int(st, 0);
		/*
		 * Every column is written, as text or an integer; anything
		 * else (a NULL, a number for a text) was not written here.
		 */
		ok = seq == want && db_col_type(st, 0) == DB_INT &&
		    db_col_type(st, 1) == DB_INT;
		for (i = 0; ok && i < AUDIT_NTEXT + 1; i++) {
			ok = db_col_type(st, 2 + i) == DB_TEXT;
			if (ok && i < AUDIT_NTEXT) {
				f[i] = db_col_text(st, 2 + i);
				n[i] = db_col_bytes(st, 2 + i);
			}
		}
		if (ok) {
			/* The link kept, not the one the row claims. */
			f[AUDIT_NTEXT - 1] = prev;
			n[AUDIT_NTEXT - 1] = strlen(prev);
			hash_record(seq, db_col_int(st, 1), f, n,
			    hash);
			/* A changed field or a relinked prev break here. */
			ok = column_is(st, 8, prev) && column_is(st, 9, hash);
		}
		if (!ok) {
			*bad = want;
			db_finalize(st);
			return CS_DATAERR;
		}
		strlcpy(prev, hash, sizeof(prev));
		want++;
	}
	db_finalize(st);
	if (rc != DB_DONE)
		return db_fail(db, "audit");
	strlcpy(last, prev, 65);
	return 0;
}

int
audit_count(struct db *db)
{
	struct db_stmt	*st;
	int		 n = -1;

	if ((st = db_stmt(db, "SELECT count(*) FROM audit")) == NULL)
		return -1;
	if (db_step(st) == DB_ROW)
		n = db_col_int(st, 0);
	db_reset(st);
	return n;
}
