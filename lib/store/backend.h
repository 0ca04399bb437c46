/*
 * backend.h: what the door (db.c) dispatches to, for the store alone.
 * Each backend's connection and statement begin with the door's own
 * struct db and struct db_stmt, which say whose they are; the door
 * keeps what is the same for every backend (the audit chain's last
 * link, the rows a change touched) and hands each call to sqlite.c
 * (sq_) or pg.c (pg_), the only files that know a client library.
 */
#ifndef CS_BACKEND_H
#define CS_BACKEND_H

#include <stdint.h>

#include "store.h"

#define DB_TOUCH_MAX	16	/* rows touched besides one audited */

struct db {
	int		 pg;		/* 1: pg.c's, else sqlite.c's */
	/* The audit chain's last link in this transaction (db_audit_tail). */
	int		 audit_known;
	int64_t		 audit_seq;
	int64_t		 audit_at;
	char		 audit_last[65];
	/* Rows changed besides the audited record (db_touch). */
	int		 touched_type[DB_TOUCH_MAX];
	int64_t		 touched_id[DB_TOUCH_MAX];
	int		 ntouched;	/* DB_TOUCH_MAX + 1: overflowed */
	/* db_step_later: a change that changed other rows than it was to. */
	char		 miss[96];
};

struct db_stmt {
	int		 pg;
};

/*
 * The same calls for each backend: sq_ on sqlite.c's connection and
 * statement, pg_ on pg.c's.
 */
struct sqdb;
struct sqst;
int	 sq_open(struct sqdb **, const char *, int, const struct config *);
void	 sq_close(struct sqdb *);
const char *sq_where(const struct sqdb *);
struct sqdb *sq_scan(struct sqdb *);
struct sqst *sq_stmt(struct sqdb *, const char *);
struct sqst *sq_prepare(struct sqdb *, const char *);
void	 sq_finalize(struct sqst *);
void	 sq_reset(struct sqst *);
void	 sq_bind_int(struct sqst *, int, int64_t);
void	 sq_bind_text(struct sqst *, int, const char *);
void	 sq_bind_null(struct sqst *, int);
int	 sq_step(struct sqst *);
int	 sq_step_id(struct sqst *, int64_t *);
int	 sq_step_later(struct sqst *, int64_t);
int64_t	 sq_col_int(struct sqst *, int);
const char *sq_col_text(struct sqst *, int);
int	 sq_col_null(struct sqst *, int);
int	 sq_col_type(struct sqst *, int);
size_t	 sq_col_bytes(struct sqst *, int);
void	 sq_cell(struct sqst *, int, struct out_cell *);
int64_t	 sq_changes(struct sqdb *);
int64_t	 sq_total_changes(struct sqdb *);
int	 sq_exec(struct sqdb *, const char *);
const char *sq_errmsg(struct sqdb *);
int	 sq_version(struct sqdb *);
int	 sq_set_version(struct sqdb *, int);
int	 sq_begin(struct sqdb *);
int	 sq_commit(struct sqdb *);
void	 sq_rollback(struct sqdb *);
void	 sq_yield(struct sqdb *);
void	 sq_bulk(struct sqdb *);
int	 sq_in_transaction(struct sqdb *);
int	 sq_savepoint(struct sqdb *);
int	 sq_release(struct sqdb *);
void	 sq_rollback_item(struct sqdb *);
int	 sq_snapshot(struct sqdb *);
void	 sq_snapshot_end(struct sqdb *);
int	 sq_fail(struct sqdb *, const char *);

struct pgdb;
struct pgst;
int	 pg_open(struct pgdb **, const char *, int, const struct config *);
void	 pg_close(struct pgdb *);
const char *pg_where(const struct pgdb *);
struct pgdb *pg_scan(struct pgdb *);
struct pgst *pg_stmt(struct pgdb *, const char *);
struct pgst *pg_listing(struct pgdb *, const char *);
struct pgst *pg_stmt_fresh(struct pgdb *, const char *);
struct pgst *pg_prepare(struct pgdb *, const char *);
void	 pg_finalize(struct pgst *);
void	 pg_reset(struct pgst *);
void	 pg_bind_int(struct pgst *, int, int64_t);
void	 pg_bind_text(struct pgst *, int, const char *);
void	 pg_bind_null(struct pgst *, int);
int	 pg_step(struct pgst *);
int	 pg_step_id(struct pgst *, int64_t *);
int	 pg_step_later(struct pgst *, int64_t);
int64_t	 pg_col_int(struct pgst *, int);
const char *pg_col_text(struct pgst *, int);
int	 pg_col_null(struct pgst *, int);
int	 pg_col_type(struct pgst *, int);
size_t	 pg_col_bytes(struct pgst *, int);
void	 pg_cell(struct pgst *, int, struct out_cell *);
int64_t	 pg_changes(struct pgdb *);
int64_t	 pg_total_changes(struct pgdb *);
int	 pg_exec(struct pgdb *, const char *);
const char *pg_errmsg(struct pgdb *);
int	 pg_version(struct pgdb *);
int	 pg_set_version(struct pgdb *, int);
int	 pg_begin(struct pgdb *);
int	 pg_commit(struct pgdb *);
void	 pg_rollback(struct pgdb *);
void	 pg_yield(struct pgdb *);
void	 pg_bulk(struct pgdb *);
int	 pg_in_transaction(struct pgdb *);
int	 pg_savepoint(struct pgdb *);
int	 pg_release(struct pgdb *);
void	 pg_rollback_item(struct pgdb *);
int	 pg_snapshot(struct pgdb *);
void	 pg_snapshot_end(struct pgdb *);
int	 pg_fail(struct pgdb *, const char *);

/* The database server's clock (PostgreSQL): 0 with *now, or -1. */
int	 pg_clock(struct pgdb *, int64_t *now);

#endif /* CS_BACKEND_H */
