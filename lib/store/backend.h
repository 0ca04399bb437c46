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
};

struct db_stmt {
	int		 pg;
};

/* The same calls for each backend, P_ names of its connection D and statement S. */
#define DB_BACKEND(P, D, S)						\
struct D;								\
struct S;								\
int	 P##_open(struct D **, const char *, int, const struct config *); \
void	 P##_close(struct D *);						\
const char *P##_where(const struct D *);				\
struct D *P##_scan(struct D *);						\
struct S *P##_stmt(struct D *, const char *);				\
struct S *P##_prepare(struct D *, const char *);			\
void	 P##_finalize(struct S *);					\
void	 P##_reset(struct S *);						\
void	 P##_bind_int(struct S *, int, int64_t);			\
void	 P##_bind_text(struct S *, int, const char *);			\
void	 P##_bind_null(struct S *, int);				\
int	 P##_step(struct S *);						\
int	 P##_step_id(struct S *, int64_t *);				\
int64_t	 P##_col_int(struct S *, int);					\
const char *P##_col_text(struct S *, int);				\
int	 P##_col_null(struct S *, int);					\
int	 P##_col_type(struct S *, int);					\
size_t	 P##_col_bytes(struct S *, int);				\
void	 P##_cell(struct S *, int, struct out_cell *);			\
int64_t	 P##_changes(struct D *);					\
int64_t	 P##_total_changes(struct D *);					\
int	 P##_exec(struct D *, const char *);				\
const char *P##_errmsg(struct D *);					\
int	 P##_version(struct D *);					\
int	 P##_set_version(struct D *, int);				\
int	 P##_begin(struct D *);						\
int	 P##_commit(struct D *);					\
void	 P##_rollback(struct D *);					\
void	 P##_yield(struct D *);						\
int	 P##_in_transaction(struct D *);				\
int	 P##_savepoint(struct D *);					\
int	 P##_release(struct D *);					\
void	 P##_rollback_item(struct D *);					\
int	 P##_snapshot(struct D *);					\
void	 P##_snapshot_end(struct D *);					\
int	 P##_fail(struct D *, const char *);

DB_BACKEND(sq, sqdb, sqst)
DB_BACKEND(pg, pgdb, pgst)

/* The database server's clock (PostgreSQL): 0 with *now, or -1. */
int	 pg_clock(struct pgdb *, int64_t *now);

#endif /* CS_BACKEND_H */
