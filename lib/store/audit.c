/*
 * audit.c: the hash-chained audit trail.  Every change appends one record
 * in the same transaction as the change, so the trail and the data cannot
 * disagree.  Each record's hash covers its fields and the previous hash,
 * so editing or deleting a record breaks every link after it.  A record
 * also carries the state its change left the rows in (the record it
 * names, and any other row the change touched): a hash of each row's
 * columns, so a row edited, deleted or added behind the desk's back no
 * longer matches the last record that left it (audit_deep).
 */
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <nettle/sha2.h>

#include "store.h"

static const char genesis[] =
    "0000000000000000000000000000000000000000000000000000000000000000";

/*
 * SHA-256 (nettle's: the CPU's SHA instructions where it has them, a
 * tenth of libmd's time) fed through a buffer: a row is hashed as some
 * forty short fields (a type letter, a length, a few bytes), each else
 * a call of the hash of its own.
 */
struct hasher {
	struct sha256_ctx ctx;
	size_t		 n;
	uint8_t		 buf[1024];
};

static void
h_init(struct hasher *h)
{
	sha256_init(&h->ctx);
	h->n = 0;
}

static void
h_put(struct hasher *h, const void *p, size_t n)
{
	if (n > sizeof(h->buf) - h->n) {
		sha256_update(&h->ctx, h->n, h->buf);
		h->n = 0;
		if (n >= sizeof(h->buf)) {
			sha256_update(&h->ctx, n, p);
			return;
		}
	}
	memcpy(h->buf + h->n, p, n);
	h->n += n;
}

static void
h_end(struct hasher *h, uint8_t out[SHA256_DIGEST_SIZE])
{
	sha256_update(&h->ctx, h->n, h->buf);
	sha256_digest(&h->ctx, SHA256_DIGEST_SIZE, out);
}

static void
hash_field(struct hasher *h, const char *s, size_t n)
{
	/* Length-prefixed, so "ab","c" and "a","bc" hash differently. */
	char	 len[24], *p = len + sizeof(len);
	size_t	 v = n;

	/* "%zu:" written backwards, without printf: this runs per record. */
	*--p = ':';
	do
		*--p = '0' + v % 10;
	while ((v /= 10) != 0);
	h_put(h, p, len + sizeof(len) - p);
	h_put(h, s, n);
}

static void
to_hex(const uint8_t *b, size_t n, char *hex)
{
	static const char	 digits[] = "0123456789abcdef";
	size_t			 i;

	for (i = 0; i < n; i++) {
		hex[2 * i] = digits[b[i] >> 4];
		hex[2 * i + 1] = digits[b[i] & 15];
	}
	hex[2 * n] = '\0';
}

/* The text fields of a record, in the order they are hashed. */
#define AUDIT_NTEXT	7	/* user agent program action record detail prev */

/*
 * The hash of a record whose text fields are f[i], n[i] bytes each: all
 * of their bytes, so a NUL inside a field still counts.  The state of
 * the rows it left comes last, when it has one: records from before
 * row states hash as they always did.
 */
static void
hash_record(int64_t seq, int64_t at, const char *const *f,
    const size_t *n, const char *state, size_t nstate, char hex[65])
{
	struct hasher	 ctx;
	uint8_t		 h[SHA256_DIGEST_SIZE];
	char		 num[48];
	int		 i, k;

	h_init(&ctx);
	k = snprintf(num, sizeof(num), "%lld %lld", (long long)seq,
	    (long long)at);
	hash_field(&ctx, num, (size_t)k);
	for (i = 0; i < AUDIT_NTEXT; i++)
		hash_field(&ctx, f[i], n[i]);
	if (state != NULL)
		hash_field(&ctx, state, nstate);
	h_end(&ctx, h);
	to_hex(h, sizeof(h), hex);
}

/*
 * The audited tables: the ID letter their rows go by, and the columns
 * that make a row's state.  Left out: what the sweep and the notifier
 * keep for themselves without an audit record of the ticket or the
 * escalation (ticket.breached and escalated, escalation.notified_at).
 * The columns are a shipped format: a new column is added at the end.
 */
struct audited {
	int		 type;
	const char	*table;
	const char	*cols;		/* "name, phone, ..." */
	const char	*one;		/* SELECT id, columns ... WHERE id = $1 */
	const char	*all;		/* the same for every row, by id */
};

#define AUDITED(type, table, cols)					\
	{ type, table, cols,						\
	  "SELECT id, " cols " FROM " table " WHERE id = $1",		\
	  "SELECT id, " cols " FROM " table " ORDER BY id" }

static const struct audited audited[] = {
	AUDITED(ID_CUSTOMER, "customer", AUDIT_CUSTOMER_COLS),
	AUDITED(ID_ORDER, "orders", AUDIT_ORDER_COLS),
	AUDITED(ID_PAYMENT, "payment", "order_id, txn, amount, status,"
	    " channel, paid_at, created_at"),
	AUDITED(ID_TICKET, "ticket", "customer_id, order_id, category, kind,"
	    " priority, channel, status, assignee, subject, body, created_at,"
	    " updated_at, first_response_at, resolved_at, closed_at,"
	    " satisfaction, callback_comment, callback_at, created_by, sla,"
	    " first_response_due, resolve_due, update_due, paused_at,"
	    " response_secs, paused_secs, resolved_first_at,"
	    " resolved_first_due, resolved_first_by, resolve_secs, ref"),
	AUDITED(ID_REFUND, "refund", "order_id, amount, fee, status, reason,"
	    " key, note, rule, requested_by, decided_by, txn, created_at,"
	    " updated_at, dispute_id, owed_by, recovered, recovery"),
	AUDITED(ID_ESCALATION, "escalation", "ticket_id, level, department,"
	    " owner, reason, cause, status, due, agent, report, reported_at,"
	    " raised_by, created_at, acked_at, resolved_at, updated_at"),
	AUDITED(ID_INVOICE, "invoice", "order_id, company, address, phone,"
	    " contact, amount, tax_rate, tax, postage, total, status, number,"
	    " tracking, requested_by, created_at, issued_at, mailed_at,"
	    " updated_at"),
	AUDITED(ID_INCIDENT, "incident", "title, description, severity,"
	    " departments, status, opened_by, closed_by, created_at,"
	    " closed_at, updated_at"),
	AUDITED(ID_DISPUTE, "dispute", "ticket_id, order_id, customer_id,"
	    " counterparty_id, stage, escalation_id, decision,"
	    " customer_amount, counterparty_amount, decision_note,"
	    " decided_by, decided_at, opened_by, created_at, stage_at,"
	    " updated_at, closed_at"),
	AUDITED(ID_GRANT, "grants", "customer_id, order_id, kind, value,"
	    " worth, expires_at, status, reason, key, note, requested_by,"
	    " decided_by, created_at, updated_at"),
};
#define NAUDITED	((int)(sizeof(audited) / sizeof(audited[0])))

static const struct audited *
audited_of(int type)
{
	int	 i;

	for (i = 0; i < NAUDITED; i++)
		if (audited[i].type == type)
			return &audited[i];
	return NULL;
}

/* The columns after the id in a's statements. */
static int
audited_ncols(const struct audited *a)
{
	const char	*p;
	int		 n = 1;

	for (p = a->cols; *p != '\0'; p++)
		n += *p == ',';
	return n;
}

/*
 * The state of the row st stands on: its table, its id and each column,
 * typed and with its length ("i" and the digits, "t" and the bytes, "n"
 * for NULL), so no two different rows read the same.
 */
static void
row_hash(const struct audited *a, struct db_stmt *st, int ncols,
    uint8_t out[SHA256_DIGEST_SIZE])
{
	struct hasher	 ctx;
	static const char tags[] = "nito";
	char		 num[24], *p;
	const char	*v;
	int64_t		 iv;
	uint64_t	 uv;
	int		 i, t;

	h_init(&ctx);
	hash_field(&ctx, a->table, strlen(a->table));
	for (i = 0; i <= ncols; i++) {
		t = db_col_type(st, i);
		h_put(&ctx, &tags[t], 1);
		if (t == DB_NULL)
			continue;
		if (t == DB_INT) {
			/* "%lld" backwards, without printf: per column. */
			iv = db_col_int(st, i);
			uv = iv < 0 ? -(uint64_t)iv : (uint64_t)iv;
			p = num + sizeof(num);
			do
				*--p = '0' + uv % 10;
			while ((uv /= 10) != 0);
			if (iv < 0)
				*--p = '-';
			hash_field(&ctx, p, (size_t)(num + sizeof(num) - p));
			continue;
		}
		v = db_col_text(st, i);
		hash_field(&ctx, v ? v : "", v ? db_col_bytes(st, i) : 0);
	}
	h_end(&ctx, out);
}

/*
 * Append " T12=<hash>" for the row as it is now to state; 0, or 0 with
 * nothing appended when there is no such row, or an exit status.
 */
static int
state_add(struct db *db, int type, int64_t id, char *state, size_t len,
    struct db_stmt *row)
{
	const struct audited	*a;
	struct db_stmt		*st;
	uint8_t			 h[SHA256_DIGEST_SIZE];
	char			 hex[2 * SHA256_DIGEST_SIZE + 1], ent[120];
	int			 rc;

	if ((a = audited_of(type)) == NULL)
		return 0;
	if (row != NULL) {
		/* As the change's own statement returned it. */
		row_hash(a, row, audited_ncols(a), h);
		rc = DB_ROW;
	} else {
		if ((st = db_stmt(db, a->one)) == NULL)
			return CS_SOFTWARE;
		db_bind_int(st, 1, id);
		if ((rc = db_step(st)) == DB_ROW)
			row_hash(a, st, audited_ncols(a), h);
		db_reset(st);
	}
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, a->table);
	to_hex(h, sizeof(h), hex);
	snprintf(ent, sizeof(ent), "%s%c%lld=%s", *state ? " " : "", type,
	    (long long)id, hex);
	if (strlcat(state, ent, len) >= len)
		return CS_SOFTWARE;
	return 0;
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
	hash_record(seq, at, f, n, NULL, 0, hex);
}

static const char last_sql[] =
    "SELECT seq, hash, at FROM audit ORDER BY seq DESC LIMIT 1";
static const char insert_sql[] =
    "INSERT INTO audit (seq, at, \"user\", agent, program, action, record,"
    " detail, prev, hash, state) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)";

int
audit_tail(struct db *db, int64_t *seq, int64_t *at, char hash[65])
{
	struct db_stmt	*st;

	if (db_audit_tail(db, seq, at, hash))
		return 0;
	if ((st = db_stmt_fresh(db, last_sql)) == NULL)
		return CS_SOFTWARE;
	*seq = 0;
	*at = INT64_MIN;
	strlcpy(hash, genesis, 65);
	switch (db_step(st)) {
	case DB_ROW:
		*seq = db_col_int(st, 0);
		strlcpy(hash, db_col_text(st, 1), 65);
		*at = db_col_int(st, 2);
		break;
	case DB_DONE:
		break;
	default:
		db_reset(st);
		return db_fail(db, "audit");
	}
	db_reset(st);
	/* Inside a change no other writer can add a link: keep it. */
	if (db_in_transaction(db))
		db_audit_linked(db, *seq, *at, hash);
	return 0;
}

/* The ID of a record "T12", or 0 with *type 0 for another ("-"). */
static int64_t
record_id(const char *record, int *type)
{
	const char	*errstr;
	int64_t		 id;
	int		 t = (unsigned char)record[0];

	*type = 0;
	if (t == '\0' || audited_of(t) == NULL ||
	    id_parse(record, t, &id, &errstr) == -1)
		return 0;
	*type = t;
	return id;
}

/*
 * Records held (audit_hold) until audit_flush writes them, each row of
 * one insert: seq, at and the texts of insert_sql in its order.
 */
#define HELD_COLS	(AUDIT_NTEXT + 4)	/* and hash, state */
#define HELD_MAX	256	/* at most, flushed when full */
static struct {
	int		 on;
	size_t		 n;
	size_t		 full;		/* the count the holder flushes most */
	int64_t		 seq[HELD_MAX], at[HELD_MAX];
	char		*text[HELD_MAX][HELD_COLS - 2];	/* NULL for NULL */
	char		*sql;		/* the insert of nsql rows, kept */
	size_t		 nsql;
} held;

static void
held_keep(int64_t seq, int64_t at, const char *const *f)
{
	size_t	 i;

	held.seq[held.n] = seq;
	held.at[held.n] = at;
	for (i = 0; i < HELD_COLS - 2; i++)
		if (f[i] != NULL &&
		    (held.text[held.n][i] = strdup(f[i])) == NULL)
			err(CS_SOFTWARE, NULL);
	held.n++;
}

void
audit_hold(struct db *db, size_t full)
{
	(void)db;
	held.on = 1;
	held.full = full;
}

/* The insert of n held records ($1 on, HELD_COLS a row). */
static char *
held_sql(size_t n)
{
	return db_rows_sql("INSERT INTO audit (seq, at, \"user\", agent,"
	    " program, action, record, detail, prev, hash, state) VALUES", n,
	    HELD_COLS, "");
}

const char *
audit_columns(int type)
{
	const struct audited	*a = audited_of(type);

	return a != NULL ? a->cols : NULL;
}

int
audit_append(struct db *db, const struct agent *who, int64_t now,
    const char *action, const char *record, const char *detail)
{
	return audit_append_row(db, who, now, action, record, detail, NULL);
}

int
audit_append_row(struct db *db, const struct agent *who, int64_t now,
    const char *action, const char *record, const char *detail,
    struct db_stmt *row)
{
	struct db_stmt	*st;
	char		 prev[65], hash[65], state[2048];
	const char	*f[AUDIT_NTEXT + 2];
	size_t		 n[AUDIT_NTEXT];
	int64_t		 seq, at, id, ids[16];
	int		 rc, type, types[16], i, k;
	const char	*prog = getprogname();

	if ((rc = audit_tail(db, &seq, &at, prev)) != 0)
		return rc;
	seq++;
	/* The state the change left: its record's row, and the others. */
	state[0] = '\0';
	if ((id = record_id(record, &type)) != 0 &&
	    (rc = state_add(db, type, id, state, sizeof(state), row)) != 0)
		return rc;
	if ((k = db_touched(db, types, ids, 16)) == -1) {
		warnx("audit: too many rows in one change");
		return CS_SOFTWARE;
	}
	for (i = 0; i < k; i++)
		if ((types[i] != type || ids[i] != id) &&
		    (rc = state_add(db, types[i], ids[i], state,
		    sizeof(state), NULL)) != 0)
			return rc;
	f[0] = agent_user(who);
	f[1] = who->name;
	f[2] = prog;
	f[3] = action;
	f[4] = record;
	f[5] = detail;
	f[6] = prev;
	for (i = 0; i < AUDIT_NTEXT; i++)
		n[i] = strlen(f[i]);
	hash_record(seq, now, f, n, state[0] ? state : NULL, strlen(state),
	    hash);
	f[7] = hash;
	f[8] = state[0] ? state : NULL;
	if (held.on && held.n == HELD_MAX) {
		/* Full: written now, and held again from here. */
		if ((rc = audit_flush(db)) != 0)
			return rc;
		held.on = 1;
	}
	if (held.on) {
		held_keep(seq, now, f);
		db_audit_linked(db, seq, now, hash);
		return 0;
	}
	if ((rc = audit_flush(db)) != 0)
		return rc;
	if ((st = db_stmt(db, insert_sql)) == NULL)
		return CS_SOFTWARE;
	db_bind_int(st, 1, seq);
	db_bind_int(st, 2, now);
	for (i = 0; i < AUDIT_NTEXT + 2; i++)
		db_bind_text(st, 3 + i, f[i]);
	/* Its answer can wait: the chain's link is known here. */
	if (db_step_later(st, 1) != DB_DONE) {
		db_audit_linked(db, 0, 0, NULL);
		return db_fail(db, "audit");
	}
	db_audit_linked(db, seq, now, hash);
	return 0;
}

int
audit_flush(struct db *db)
{
	struct db_stmt	*st;
	char		*sql;
	size_t		 i, c;
	int		 rc = 0, b;

	held.on = 0;
	if (held.n == 0)
		return 0;
	/* The holder's usual count: its statement prepared once. */
	if (held.n == held.full && held.sql == NULL) {
		held.sql = held_sql(held.n);
		held.nsql = held.n;
	}
	if (held.sql != NULL && held.n == held.nsql) {
		sql = held.sql;
		st = db_stmt(db, sql);
	} else {
		sql = held_sql(held.n);
		st = db_prepare(db, sql);
	}
	if (st == NULL)
		rc = CS_SOFTWARE;
	for (i = 0; rc == 0 && i < held.n; i++) {
		b = HELD_COLS * (int)i;
		db_bind_int(st, b + 1, held.seq[i]);
		db_bind_int(st, b + 2, held.at[i]);
		for (c = 0; c < HELD_COLS - 2; c++)
			db_bind_text(st, b + 3 + (int)c, held.text[i][c]);
	}
	if (rc == 0 && db_step_later(st, (int64_t)held.n) != DB_DONE) {
		db_audit_linked(db, 0, 0, NULL);
		rc = db_fail(db, "audit");
	}
	if (sql != held.sql) {
		if (st != NULL)
			db_finalize(st);
		free(sql);
	}
	for (i = 0; i < held.n; i++)
		for (c = 0; c < HELD_COLS - 2; c++) {
			free(held.text[i][c]);
			held.text[i][c] = NULL;
		}
	held.n = 0;
	return rc;
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

/*
 * The state each row was last left in, by the records walked so far:
 * an open-addressed table of (type, id), the first half of the hash
 * (enough to find a change; the chain guards the full one).
 */
struct left {
	int64_t		 id;
	uint8_t		 h[16];
	uint32_t	 seq;		/* the record that left it, for the */
	uint8_t		 type;		/* message (saturated); type 0: a */
	uint8_t		 seen;		/* free slot; seen: still there */
};					/* 32 bytes */

struct lefts {
	struct left	*t;
	size_t		 n, cap;	/* cap a power of two */
};

static struct left *
left_slot(struct lefts *l, int type, int64_t id)
{
	uint64_t	 k = (uint64_t)id * 0x9e3779b97f4a7c15ULL ^ type;
	size_t		 i = (size_t)(k ^ k >> 29) & (l->cap - 1);

	while (l->t[i].type != 0 &&
	    (l->t[i].type != type || l->t[i].id != id))
		i = (i + 1) & (l->cap - 1);
	return &l->t[i];
}

static void
left_put(struct lefts *l, int type, int64_t id, int64_t seq,
    const uint8_t *h)
{
	struct left	*old, *e;
	size_t		 i, ocap;

	if ((l->n + 1) * 4 > l->cap * 3) {
		old = l->t;
		ocap = l->cap;
		l->cap = ocap ? ocap * 2 : 1024;
		if ((l->t = calloc(l->cap, sizeof(*l->t))) == NULL)
			err(CS_SOFTWARE, NULL);
		for (i = 0; i < ocap; i++)
			if (old[i].type != 0)
				*left_slot(l, old[i].type, old[i].id) = old[i];
		free(old);
	}
	e = left_slot(l, type, id);
	if (e->type == 0)
		l->n++;
	e->type = type;
	e->id = id;
	e->seq = seq > UINT32_MAX ? UINT32_MAX : (uint32_t)seq;
	memcpy(e->h, h, sizeof(e->h));
}

static int
unhex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Take the entries "T12=<hash> ..." of a record's state; -1 if malformed. */
static int
left_take(struct lefts *l, int64_t seq, const char *s, size_t n)
{
	const char	*end = s + n, *p;
	uint8_t		 h[16];
	int64_t		 id;
	int		 type, i, hi, lo;

	while (s < end) {
		type = (unsigned char)*s++;
		if (audited_of(type) == NULL)
			return -1;
		for (id = 0, p = s; s < end && *s >= '0' && *s <= '9'; s++) {
			if (id > (INT64_MAX - 9) / 10)
				return -1;
			id = id * 10 + (*s - '0');
		}
		if (s == p || end - s < 65 || *s++ != '=')
			return -1;
		for (i = 0; i < 32; i++) {
			hi = unhex((unsigned char)s[2 * i]);
			lo = unhex((unsigned char)s[2 * i + 1]);
			if (hi < 0 || lo < 0)
				return -1;
			if (i < 16)
				h[i] = (uint8_t)(hi << 4 | lo);
		}
		s += 64;
		if (s < end && *s++ != ' ')
			return -1;
		left_put(l, type, id, seq, h);
	}
	return 0;
}

/* Walk the chain; with l, keep the state each record left. */
static int
walk(struct db *db, int64_t *bad, char last[65], struct lefts *l)
{
	struct db_stmt	*st;
	struct progress	 pr;
	const char	*f[AUDIT_NTEXT], *state;
	size_t		 n[AUDIT_NTEXT], nstate;
	char		 prev[65], hash[65], what[64];
	int64_t		 seq, want = 1;
	int		 rc, ok, i, t, total;

	*bad = 0;
	/* A chain of millions takes a while: its count is the total. */
	snprintf(what, sizeof(what), "%s audit", getprogname());
	progress_begin(&pr, what, "record", NULL);
	if ((total = audit_count(db)) > 0)
		progress_total(&pr, (uint64_t)total);
	st = db_prepare(db, "SELECT seq, at, \"user\", agent, program, action,"
	    " record, detail, prev, hash, state FROM audit ORDER BY seq");
	if (st == NULL)
		return CS_SOFTWARE;
	strlcpy(prev, genesis, sizeof(prev));
	while ((rc = db_step(st)) == DB_ROW) {
		progress_step(&pr, (uint64_t)want);
		seq = db_col_int(st, 0);
		/*
		 * Every column is written, as text or an integer; anything
		 * else (a NULL, a number for a text) was not written here.
		 * A record from before row states has none.
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
		state = NULL;
		nstate = 0;
		if (ok && (t = db_col_type(st, 10)) != DB_NULL) {
			ok = t == DB_TEXT;
			state = db_col_text(st, 10);
			nstate = db_col_bytes(st, 10);
		}
		if (ok) {
			/* The link kept, not the one the row claims. */
			f[AUDIT_NTEXT - 1] = prev;
			n[AUDIT_NTEXT - 1] = strlen(prev);
			hash_record(seq, db_col_int(st, 1), f, n, state,
			    nstate, hash);
			/* A changed field or a relinked prev break here. */
			ok = column_is(st, 8, prev) && column_is(st, 9, hash);
		}
		if (ok && l != NULL && state != NULL)
			ok = left_take(l, seq, state, nstate) == 0;
		if (!ok) {
			*bad = want;
			db_finalize(st);
			progress_end(&pr);
			return CS_DATAERR;
		}
		strlcpy(prev, hash, sizeof(prev));
		want++;
	}
	db_finalize(st);
	progress_step(&pr, (uint64_t)(want - 1));
	progress_end(&pr);
	if (rc != DB_DONE)
		return db_fail(db, "audit");
	strlcpy(last, prev, 65);
	return 0;
}

int
audit_verify(struct db *db, int64_t *bad, char last[65])
{
	return walk(db, bad, last, NULL);
}

/* Rows of a up to this id were there before the trail kept row states. */
static int
rows_before(struct db *db, const struct audited *a, int64_t *below)
{
	struct db_stmt	*st;
	int		 rc;

	*below = 0;
	if ((st = db_stmt(db, "SELECT last_id FROM audit_base"
	    " WHERE tbl = $1")) == NULL)
		return CS_SOFTWARE;
	db_bind_text(st, 1, a->table);
	if ((rc = db_step(st)) == DB_ROW)
		*below = db_col_int(st, 0);
	db_reset(st);
	return rc == DB_ROW || rc == DB_DONE ? 0 : db_fail(db, "audit");
}

/* Check every row of one table against the state the trail left it in. */
static int
check_table(struct db *db, const struct audited *a, struct lefts *l,
    struct audit_rows *r)
{
	struct db_stmt	*st;
	struct left	*e;
	uint8_t		 h[SHA256_DIGEST_SIZE];
	char		 rec[32];
	int64_t		 id, below;
	int		 rc, ncols = audited_ncols(a);

	if ((rc = rows_before(db, a, &below)) != 0)
		return rc;
	if ((st = db_prepare(db, a->all)) == NULL)
		return CS_SOFTWARE;
	while ((rc = db_step(st)) == DB_ROW) {
		id = db_col_int(st, 0);
		id_format(a->type, id, rec, sizeof(rec));
		e = l->cap ? left_slot(l, a->type, id) : NULL;
		if (e == NULL || e->type == 0) {
			if (id <= below)
				r->uncovered++;
			else {
				warnx("audit: %s %s: added without an audit "
				    "record", a->table, rec);
				r->bad++;
			}
			continue;
		}
		e->seen = 1;
		row_hash(a, st, ncols, h);
		if (memcmp(h, e->h, sizeof(e->h)) != 0) {
			warnx("audit: %s %s: changed since audit record "
			    "%lld", a->table, rec, (long long)e->seq);
			r->bad++;
		} else
			r->rows++;
	}
	db_finalize(st);
	return rc == DB_DONE ? 0 : db_fail(db, a->table);
}

int
audit_deep(struct db *db, int64_t *bad, char last[65], struct audit_rows *r)
{
	struct lefts	 l;
	const struct audited *a;
	char		 rec[32];
	size_t		 i;
	int		 k, rc;

	memset(r, 0, sizeof(*r));
	memset(&l, 0, sizeof(l));
	if ((rc = walk(db, bad, last, &l)) != 0)
		goto done;
	for (k = 0; k < NAUDITED && rc == 0; k++)
		rc = check_table(db, &audited[k], &l, r);
	/* What the trail left that is no longer there. */
	for (i = 0; rc == 0 && i < l.cap; i++) {
		if (l.t[i].type == 0 || l.t[i].seen)
			continue;
		a = audited_of(l.t[i].type);
		id_format(a->type, l.t[i].id, rec, sizeof(rec));
		warnx("audit: %s %s: gone since audit record %lld",
		    a->table, rec, (long long)l.t[i].seq);
		r->bad++;
	}
	if (rc == 0 && r->bad > 0)
		rc = CS_DATAERR;
done:
	free(l.t);
	return rc;
}

int
audit_clock(struct db *db, int64_t *seq, int64_t *at)
{
	char	 hash[65];

	return audit_tail(db, seq, at, hash);
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
