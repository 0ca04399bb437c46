/* ids, the args-or-stdin iterator, the TSV reader and the reply lint. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "check.h"

static const char *
idmsg(const char *s, int type)
{
	static char	 buf[64];
	const char	*errstr;
	int64_t		 id;

	if (id_parse(s, type, &id, &errstr) == -1)
		return errstr;
	snprintf(buf, sizeof(buf), "%lld", (long long)id);
	return buf;
}

static int64_t	 seen[16];
static int	 nseen;

static int
collect(int64_t id, void *arg)
{
	(void)arg;
	if (nseen < 16)
		seen[nseen++] = id;
	return id == 99 ? CS_NOINPUT : id == 75 ? CS_TEMPFAIL : 0;
}

/* id_loop over a stdin holding text. */
static int
loop_stdin(const char *text)
{
	FILE	*fp;

	fp = fopen("/tmp/cs-unit-stdin", "w");
	fputs(text, fp);
	fclose(fp);
	if (freopen("/tmp/cs-unit-stdin", "r", stdin) == NULL)
		return -1;
	nseen = 0;
	return id_loop(0, NULL, ID_TICKET, collect, NULL);
}

static FILE *
text_file(const char *text, size_t len)
{
	FILE	*fp = tmpfile();

	fwrite(text, 1, len, fp);
	rewind(fp);
	return fp;
}

static const char tsvtext[] = "# comment\nnote\tamount\tref\n"
    "a\\tb\\\\c\\x41\t12.50\tE1\n"
    "\t1\tE2\n"
    "x\t1\n"
    "bad \\q\t1\tE3\n"
    "\xff\t1\tE4\n"
    "crlf\t1\tE5\r\n"
    "nul\t1\tE\0006\n"
    "last\t2\tE7";

int
main(void)
{
	static const struct tsv_col cols[] = {
		{ "ref", 1 }, { "amount", 1 }, { "note", 0 },
	};
	char		*argv[4], buf[32], *big;
	char		*extra[] = { "随便你" };
	struct tsv	 r;
	FILE		*fp;
	size_t		 n;

	/* Typed IDs. */
	CHECK_STR(idmsg("T1042", ID_TICKET), "1042");
	CHECK_STR(idmsg("1042", ID_TICKET), "1042");
	CHECK_STR(idmsg("O88", ID_TICKET), "is an order, not a ticket");
	CHECK_STR(idmsg("T1", ID_ORDER), "is a ticket, not an order");
	CHECK_STR(idmsg("E7", ID_CUSTOMER), "is an escalation, not a customer");
	CHECK_STR(idmsg("X12", ID_TICKET), "is not a ticket ID");
	CHECK_STR(idmsg("T0", ID_TICKET), "is not a ticket ID");
	CHECK_STR(idmsg("T012", ID_TICKET), "is not a ticket ID");
	CHECK_STR(idmsg("T-1", ID_TICKET), "is not a ticket ID");
	CHECK_STR(idmsg("+5", ID_TICKET), "is not a ticket ID");
	CHECK_STR(idmsg(" 5", ID_TICKET), "is not a ticket ID");
	CHECK_STR(idmsg("T", ID_TICKET), "is not a ticket ID");
	CHECK_STR(idmsg("", ID_TICKET), "is not a ticket ID");
	CHECK_STR(idmsg("T9223372036854775807", ID_TICKET),
	    "9223372036854775807");
	CHECK_STR(idmsg("T9223372036854775808", ID_TICKET),
	    "is not a ticket ID");
	CHECK_STR(idmsg("t12", ID_TICKET), "is not a ticket ID");
	id_format(ID_REFUND, 7, buf, sizeof(buf));
	CHECK_STR(buf, "R7");
	CHECK_STR(id_type_name(ID_PAYMENT), "payment");

	/* The loop over arguments: statuses fold. */
	argv[0] = "T1";
	argv[1] = "2";
	nseen = 0;
	CHECK_INT(id_loop(2, argv, ID_TICKET, collect, NULL), 0);
	CHECK_INT(nseen, 2);
	CHECK_INT(seen[1], 2);
	argv[1] = "T99";
	CHECK_INT(id_loop(2, argv, ID_TICKET, collect, NULL), CS_PARTIAL);
	argv[0] = "T99";
	CHECK_INT(id_loop(2, argv, ID_TICKET, collect, NULL), CS_NOINPUT);
	argv[0] = "O1";
	CHECK_INT(id_loop(2, argv, ID_TICKET, collect, NULL), CS_PARTIAL);
	/* A fatal status stops the loop at once. */
	argv[0] = "T75";
	argv[1] = "T3";
	nseen = 0;
	CHECK_INT(id_loop(2, argv, ID_TICKET, collect, NULL), CS_TEMPFAIL);
	CHECK_INT(nseen, 1);

	/* The loop over stdin: first field, blanks and comments skipped. */
	CHECK_INT(loop_stdin("T5\tanything else\n\n# note\n6 more words\nT7"),
	    0);
	CHECK_INT(nseen, 3);
	CHECK_INT(seen[0], 5);
	CHECK_INT(seen[2], 7);
	CHECK_INT(loop_stdin("T5\nbogus\n"), CS_PARTIAL);
	CHECK_INT(nseen, 1);
	CHECK_INT(loop_stdin("T5\n\xff\xfe\n"), CS_PARTIAL);
	CHECK_INT(loop_stdin(""), 0);
	CHECK_INT(nseen, 0);
	unlink("/tmp/cs-unit-stdin");

	/* TSV: header mapping in any order, escapes, every kind of error. */
	fp = text_file(tsvtext, sizeof(tsvtext) - 1);
	tsv_open(&r, fp, "in.tsv");
	CHECK_INT(tsv_header(&r, cols, 3), 0);
	CHECK_INT(tsv_read(&r), 1);
	CHECK_INT(r.lineno, 3);
	CHECK_STR(tsv_get(&r, 0), "E1");
	CHECK_STR(tsv_get(&r, 1), "12.50");
	CHECK_STR(tsv_get(&r, 2), "a\tb\\cA");
	CHECK_INT(tsv_read(&r), 1);
	CHECK(tsv_get(&r, 2) == NULL);		/* empty is absent */
	CHECK_INT(tsv_read(&r), -1);		/* 2 fields, header has 3 */
	CHECK_INT(tsv_read(&r), -1);		/* bad escape */
	CHECK_INT(tsv_read(&r), -1);		/* invalid UTF-8 */
	CHECK_INT(tsv_read(&r), -1);		/* CR */
	CHECK_INT(tsv_read(&r), -1);		/* NUL */
	CHECK_INT(tsv_read(&r), 1);		/* no final newline */
	CHECK_STR(tsv_get(&r, 0), "E7");
	CHECK_INT(r.lineno, 10);
	CHECK_INT(tsv_read(&r), 0);
	tsv_close(&r);
	fclose(fp);

	fp = text_file("ref\tcolour\tref\n", 14);
	tsv_open(&r, fp, "h.tsv");
	CHECK_INT(tsv_header(&r, cols, 3), CS_DATAERR);
	tsv_close(&r);
	fclose(fp);
	fp = text_file("ref\tnote\n", 9);
	tsv_open(&r, fp, "h.tsv");
	CHECK_INT(tsv_header(&r, cols, 3), CS_DATAERR);	/* no amount */
	tsv_close(&r);
	fclose(fp);
	fp = text_file("", 0);
	tsv_open(&r, fp, "h.tsv");
	CHECK_INT(tsv_header(&r, cols, 3), CS_DATAERR);
	tsv_close(&r);
	fclose(fp);

	/* An overlong line is refused, and reading goes on after it. */
	n = CS_LINE_MAX + 10;
	big = malloc(n + 8);
	memset(big, 'x', n);
	memcpy(big + n, "\nok\n", 4);
	fp = text_file(big, n + 4);
	tsv_open(&r, fp, "big.tsv");
	CHECK_INT(tsv_read(&r), -1);
	CHECK_INT(tsv_read(&r), 1);
	CHECK_STR(r.f[0], "ok");
	tsv_close(&r);
	fclose(fp);
	free(big);

	/*
	 * /dev/zero has no newline: one bad line, then the end, in bounded
	 * memory; a directory is a read error.
	 */
	if ((fp = fopen("/dev/zero", "r")) != NULL) {
		tsv_open(&r, fp, "zero");
		CHECK_INT(tsv_read(&r), -1);
		CHECK_INT(tsv_read(&r), 0);
		CHECK(r.cap <= CS_LINE_MAX + 1);
		tsv_close(&r);
		fclose(fp);
	}
	if ((fp = fopen("/", "r")) != NULL) {
		tsv_open(&r, fp, "/");
		CHECK_INT(tsv_read(&r), -2);
		CHECK_INT(tsv_read(&r), 0);
		tsv_close(&r);
		fclose(fp);
	}

	/* Lint: punctuation and spaces do not hide a forbidden phrase. */
	n = 0;
	while (lint_builtin[n] != NULL)
		n++;
	CHECK_STR(lint_find("这不归我管，您找别人", (char *const *)lint_builtin,
	    n), "这不归我管");
	CHECK_STR(lint_find("你问我，我问谁？", (char *const *)lint_builtin, n),
	    "你问我,我问谁");
	CHECK_STR(lint_find("你 问 我 , 我问谁", (char *const *)lint_builtin, n),
	    "你问我,我问谁");
	CHECK_STR(lint_find("“有意见找领导去！”", (char *const *)lint_builtin,
	    n), "有意见找领导去");
	CHECK(lint_find("您好，我们会在24小时内回复您。",
	    (char *const *)lint_builtin, n) == NULL);
	CHECK(lint_find("", (char *const *)lint_builtin, n) == NULL);
	CHECK_STR(lint_find("那就随便你吧", extra, 1), "随便你");
	CHECK(lint_find("随 便", extra, 1) == NULL);
	/* Traditional script, format characters and gaps (…). */
	CHECK_STR(lint_find("這不歸我管", (char *const *)lint_builtin, n),
	    "这不归我管");
	CHECK_STR(lint_find("你問我，我問誰？", (char *const *)lint_builtin,
	    n), "你问我,我问谁");
	CHECK_STR(lint_find("这\u200b不\u200d归\u2060我\u00ad管\ufeff",
	    (char *const *)lint_builtin, n), "这不归我管");
	CHECK_STR(lint_find("我不清楚，我不知道，你找XX地方问",
	    (char *const *)lint_builtin, n), "我不清楚…你找");
	CHECK_STR(lint_find("不是我受理的，我不清楚，您拨*电话",
	    (char *const *)lint_builtin, n), "我不清楚…您拨");
	CHECK(lint_find("我不清楚您的订单号。您找到发票了吗？",
	    (char *const *)lint_builtin, n) == NULL);
	CHECK(lint_find("我不清楚这件事的来龙去脉和具体时间，请您找",
	    (char *const *)lint_builtin, n) == NULL);
	CHECK_STR(lint_find("隨便你", extra, 1), "随便你");
	CHECK_DONE();
}
