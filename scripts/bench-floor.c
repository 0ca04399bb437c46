/*
 * bench-floor: the least a program can do for the same work, to measure
 * cs against.
 *
 *	bench-floor query [-t] db sql [arg ...]
 *		Open db read-only, prepare sql, bind the arguments (whole
 *		numbers as integers; -t: every one as text, as cs binds a
 *		phone number or its last four digits, which an expression
 *		such as substr(phone, ...) = ? compares as text only), print
 *		every row: a point lookup with nothing around it.
 *	bench-floor batch db < lines
 *		Lines "order<TAB>amount-in-fen<TAB>key": in one transaction,
 *		for each line the validation query (what is left to refund on
 *		the order) and the insert of the refund: a batch with only
 *		the check that matters.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sqlite3.h>

static void
die(sqlite3 *h, const char *what)
{
	errx(1, "%s: %s", what, sqlite3_errmsg(h));
}

static int
query(int argc, char **argv, int text)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	const char	*p;
	int		 i, n;

	if (sqlite3_open_v2(argv[0], &h, SQLITE_OPEN_READONLY, NULL) !=
	    SQLITE_OK)
		die(h, argv[0]);
	if (sqlite3_prepare_v2(h, argv[1], -1, &st, NULL) != SQLITE_OK)
		die(h, "prepare");
	for (i = 2; i < argc; i++) {
		for (p = argv[i]; !text && *p >= '0' && *p <= '9'; p++)
			;
		if (!text && *p == '\0' && p != argv[i])
			sqlite3_bind_int64(st, i - 1, strtoll(argv[i], NULL,
			    10));
		else
			sqlite3_bind_text(st, i - 1, argv[i], -1,
			    SQLITE_STATIC);
	}
	while (sqlite3_step(st) == SQLITE_ROW) {
		n = sqlite3_column_count(st);
		for (i = 0; i < n; i++) {
			p = (const char *)sqlite3_column_text(st, i);
			printf("%s%s", i ? "\t" : "", p ? p : "");
		}
		putchar('\n');
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return 0;
}

static int
batch(char **argv)
{
	sqlite3		*h;
	sqlite3_stmt	*left, *ins;
	char		 line[512], *f[3], *p;
	long long	 order, amount;
	int		 i;

	if (sqlite3_open(argv[0], &h) != SQLITE_OK)
		die(h, argv[0]);
	sqlite3_busy_timeout(h, 10000);
	if (sqlite3_exec(h, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		die(h, "begin");
	if (sqlite3_prepare_v2(h,
	    "SELECT (SELECT coalesce(sum(amount), 0) FROM payment"
	    " WHERE order_id = ?1 AND status = 'ok') -"
	    " (SELECT coalesce(sum(amount), 0) FROM refund WHERE order_id = ?1"
	    " AND status NOT IN ('rejected', 'failed'))", -1, &left, NULL) !=
	    SQLITE_OK ||
	    sqlite3_prepare_v2(h,
	    "INSERT INTO refund (order_id, amount, fee, status, reason, key,"
	    " requested_by, created_at, updated_at)"
	    " VALUES (?1, ?2, 0, 'approved', 'duplicate-payment', ?3,"
	    " 'bench', ?4, ?4)", -1, &ins, NULL) != SQLITE_OK)
		die(h, "prepare");
	while (fgets(line, sizeof(line), stdin) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		p = line;
		for (i = 0; i < 3; i++)
			f[i] = strsep(&p, "\t");
		if (f[2] == NULL)
			errx(1, "bad line");
		order = strtoll(f[0] + (*f[0] == 'O'), NULL, 10);
		amount = strtoll(f[1], NULL, 10);
		sqlite3_bind_int64(left, 1, order);
		if (sqlite3_step(left) != SQLITE_ROW)
			die(h, "left");
		if (sqlite3_column_int64(left, 0) < amount)
			errx(1, "O%lld: not enough left", order);
		sqlite3_reset(left);
		sqlite3_bind_int64(ins, 1, order);
		sqlite3_bind_int64(ins, 2, amount);
		sqlite3_bind_text(ins, 3, f[2], -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 4, (long long)time(NULL));
		if (sqlite3_step(ins) != SQLITE_DONE)
			die(h, "insert");
		sqlite3_reset(ins);
	}
	sqlite3_finalize(left);
	sqlite3_finalize(ins);
	if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		die(h, "commit");
	sqlite3_close(h);
	return 0;
}

int
main(int argc, char *argv[])
{
	if (argc >= 5 && strcmp(argv[1], "query") == 0 &&
	    strcmp(argv[2], "-t") == 0)
		return query(argc - 3, argv + 3, 1);
	if (argc >= 4 && strcmp(argv[1], "query") == 0)
		return query(argc - 2, argv + 2, 0);
	if (argc == 3 && strcmp(argv[1], "batch") == 0)
		return batch(argv + 2);
	fprintf(stderr, "usage: bench-floor query [-t] db sql [arg ...]\n"
	    "       bench-floor batch db < lines\n");
	return 64;
}
