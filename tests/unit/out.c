/* out.c: one column description drives the table, TSV and JSON Lines. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "check.h"

static const struct out_col cols[] = {
	{ "id",		"ID",		OUT_ID,	   ID_TICKET,	1 },
	{ "subject",	"SUBJECT",	OUT_TEXT,  0,		1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "phone",	"PHONE",	OUT_PHONE, 0,		0 },
	{ "at",		"AT",		OUT_TIME,  0,		0 },
};

/* Render rows in one mode into a string (to free). */
static char *
render(int mode, const char *fields, int header, int unmask,
    const struct out_cell (*rows)[5], int nrows)
{
	struct out_opts	 o = { mode, header, fields, unmask };
	struct out	*out;
	char		*buf = NULL;
	size_t		 len = 0;
	FILE		*fp;
	int		 i;

	fp = open_memstream(&buf, &len);
	out = out_open(fp, cols, 5, &o);
	if (out == NULL) {
		fclose(fp);
		free(buf);
		return NULL;
	}
	for (i = 0; i < nrows; i++)
		out_row(out, rows[i]);
	out_close(out);
	fclose(fp);
	return buf;
}

/* What fn printed, in a new string. */
#define PRINTED(buf, call) do {						\
	size_t	 len_ = 0;						\
	FILE	*fp = open_memstream(&(buf), &len_);			\
									\
	call;								\
	fclose(fp);							\
} while (0)

static const struct out_col rec_cols[] = {
	{ "id",		"ID",		OUT_ID,	   ID_TICKET,	1 },
	{ "name",	"NAME",		OUT_NAME,  0,		1 },
	{ "phone",	"PHONE",	OUT_PHONE, 0,		1 },
	{ "subject",	"SUBJECT",	OUT_TEXT,  0,		1 },
	{ "amount",	"AMOUNT",	OUT_MONEY, 0,		1 },
	{ "needs",	"NEEDS",	OUT_TEXT,  0,		0 },
	{ "at",		"AT",		OUT_TIME,  0,		0 },
	{ "body",	"BODY",		OUT_TEXT,  0,		0 },
};

/* A record shown in full: lines, labels, masks, nulls, blocks, JSON. */
static void
test_record(void)
{
	static const char *const labels[] = { "id", "ticket", NULL };
	struct out_record r = {
		.cols = rec_cols, .ncols = 8, .width = 9,
		.lines = "id,name,phone,subject,amount,needs,at",
		.blocks = "body", .json = "id,name,amount,needs,at",
		.labels = labels,
	};
	struct out_cell cells[8] = {
		{ 0, 7, NULL }, { 0, 0, "王五" }, { 0, 0, "13800135678" },
		{ 0, 0, "退票\x1b[31m" }, { 0, 1250, NULL }, { 0, 0, "" },
		{ 1, 0, NULL }, { 0, 0, "第一行\nline\ttwo" },
	};
	char	*s = NULL, *big;
	int	 rc = -1;

	/* Masked; a null cell has no line; controls escaped. */
	PRINTED(s, rc = out_record(fp, &r, cells, 0));
	CHECK_INT(rc, 0);
	CHECK_STR(s,
	    "ticket   T7\n"
	    "name     王*\n"
	    "phone    138****5678\n"
	    "subject  退票\\x1b[31m\n"
	    "amount   12.50\n"
	    "needs    \n"
	    "\nbody\n"
	    "    第一行\n"
	    "    line\\ttwo\n");
	free(s);

	/* Unmasked in full; empty text left out when the record says so. */
	r.empty_null = 1;
	r.blocks = NULL;
	PRINTED(s, rc = out_record(fp, &r, cells, 1));
	CHECK_STR(s,
	    "ticket   T7\n"
	    "name     王五\n"
	    "phone    13800135678\n"
	    "subject  退票\\x1b[31m\n"
	    "amount   12.50\n");
	free(s);

	/* -j: the members named, typed; empty text and null as null. */
	PRINTED(s, rc = out_record_json(fp, &r, cells, 0));
	CHECK_INT(rc, 0);
	CHECK_STR(s, "\"id\":\"T7\",\"name\":\"王*\",\"amount\":\"12.50\","
	    "\"needs\":null,\"at\":null");
	free(s);

	/* Every column in order when none are named; a long label moves
	 * the values of all, so that they stay in one column. */
	r.lines = NULL;
	r.width = 4;
	r.labels = NULL;
	cells[1].null = cells[2].null = cells[3].null = cells[7].null = 1;
	PRINTED(s, rc = out_record(fp, &r, cells, 0));
	CHECK_STR(s, "id     T7\namount 12.50\n");
	free(s);

	/* A long text is shown whole, past a listing's cell limit. */
	if ((big = malloc(CS_TEXT_MAX + 1)) == NULL)
		return;
	memset(big, 'x', CS_TEXT_MAX);
	big[CS_TEXT_MAX] = '\0';
	cells[3].null = 0;
	cells[3].s = big;
	r.lines = "subject";
	PRINTED(s, rc = out_record(fp, &r, cells, 0));
	CHECK_INT(strlen(s), strlen("subject ") + CS_TEXT_MAX + 1);
	CHECK(strncmp(s, "subject xxx", 11) == 0);
	free(s);
	free(big);

	/* A name that is not a column is a mistake in the description. */
	r.lines = "id,nosuch";
	PRINTED(s, rc = out_record(fp, &r, cells, 0));
	CHECK_INT(rc, CS_SOFTWARE);
	free(s);
}

/* Rows under a record: padded by display width, numbers right, a block. */
static void
test_sublist(void)
{
	static const struct out_col pcols[] = {
		{ "id",		"", OUT_ID,    ID_PAYMENT, 1 },
		{ "status",	"", OUT_TEXT,  0,	   1 },
		{ "amount",	"", OUT_MONEY, 0,	   1 },
		{ "txn",	"", OUT_TEXT,  0,	   1 },
		{ "body",	"", OUT_TEXT,  0,	   1 },
	};
	static const struct out_item row[] = {
		{ "  ", "id", 4 }, { "  ", "status", 6 },
		{ "  ", "amount", 8 }, { "  fee ", "txn", 0 },
	};
	struct out_sublist l = { pcols, 5, row, 4, "body" };
	const struct out_cell cells[2][5] = {
		{ { 0, 1, NULL }, { 0, 0, "退款" }, { 0, 1250, NULL },
		  { 0, 0, "a\tb" }, { 0, 0, "你好\n\x1b" } },
		{ { 0, 12345, NULL }, { 0, 0, "ok" }, { 0, 5, NULL },
		  { 1, 0, NULL }, { 1, 0, NULL } },
	};
	char	*s = NULL;
	int	 rc = -1;

	PRINTED(s, rc = out_sublist_row(fp, &l, cells[0], 0);
	    out_sublist_row(fp, &l, cells[1], 0));
	CHECK_INT(rc, 0);
	CHECK_STR(s,
	    "  P1    退款       12.50  fee a\\tb\n"
	    "    你好\n"
	    "    \\x1b\n"
	    "  P12345  ok          0.05  fee \n");
	free(s);

	l.block = "nosuch";
	PRINTED(s, rc = out_sublist_row(fp, &l, cells[1], 0));
	CHECK_INT(rc, CS_SOFTWARE);
	free(s);
}

/* A line of a chart: what comes before the bar, the bar, the value. */
struct chart_line {
	const char	*lead;
	int		 full;		/* cells of the bar filled */
	const char	*eighth;	/* and a part of one */
	const char	*value;
};

/* The chart of n such lines, in a static buffer. */
static const char *
chart_text(const struct chart_line *l, int n)
{
	static char	 buf[8192];
	int		 i, k;

	buf[0] = '\0';
	for (i = 0; i < n; i++) {
		strlcat(buf, l[i].lead, sizeof(buf));
		for (k = 0; k < l[i].full; k++)
			strlcat(buf, "█", sizeof(buf));
		strlcat(buf, l[i].eighth, sizeof(buf));
		for (k += *l[i].eighth != '\0'; k < 40; k++)
			strlcat(buf, " ", sizeof(buf));
		strlcat(buf, "  ", sizeof(buf));
		strlcat(buf, l[i].value, sizeof(buf));
		strlcat(buf, "\n", sizeof(buf));
	}
	return buf;
}

/* Bar charts: labels by display width, counts to the largest, % to 100. */
static void
test_chart(void)
{
	static const struct out_col ccols[] = {
		{ "label",	"", OUT_TEXT,	 0, 1 },
		{ "count",	"", OUT_INT,	 0, 1 },
		{ "pct",	"", OUT_DECIMAL, 1, 1 },
	};
	const struct out_cell rows[3][3] = {
		{ { 0, 0, "退款" }, { 0, 4, NULL }, { 0, 500, NULL } },
		{ { 0, 0, "inquiry" }, { 0, 3, NULL }, { 1, 0, NULL } },
		{ { 0, 0, "a" }, { 0, 0, NULL }, { 0, 1000, NULL } },
	};
	/* An eighth of a cell at a time; a label escaped as it is shown. */
	const struct out_cell small[3][3] = {
		{ { 0, 0, "x" }, { 0, 80, NULL }, { 1, 0, NULL } },
		{ { 0, 0, "y" }, { 0, 1, NULL }, { 1, 0, NULL } },
		{ { 0, 0, "a\x1b" }, { 0, 1, NULL }, { 1, 0, NULL } },
	};
	static const struct chart_line counts[] = {
		{ "退款     ", 40, "", "4" },
		{ "inquiry  ", 30, "", "3" },
		{ "a        ", 0, "", "0" },
	};
	/* Several bars: each under its name; a null value is a dash. */
	static const struct chart_line two[] = {
		{ "退款 4     count  ", 40, "", "4" },
		{ "           pct    ", 20, "", "50.0%" },
		{ "inquiry 3  count  ", 30, "", "3" },
		{ "           pct    ", 0, "", "-" },
	};
	static const struct chart_line parts[] = {
		{ "x      ", 40, "", "80" },
		{ "y      ", 0, "▌", "1" },
		{ "a\\x1b  ", 0, "▌", "1" },
	};
	char	*s = NULL;
	int	 rc = -1;

	PRINTED(s, rc = out_chart(fp, ccols, 3, &rows[0][0], 3, "label",
	    "count"));
	CHECK_INT(rc, 0);
	CHECK_STR(s, chart_text(counts, 3));
	free(s);
	PRINTED(s, out_chart(fp, ccols, 3, &rows[0][0], 2, "label,count",
	    "count,pct"));
	CHECK_STR(s, chart_text(two, 4));
	free(s);
	PRINTED(s, out_chart(fp, ccols, 3, &small[0][0], 3, "label",
	    "count"));
	CHECK_STR(s, chart_text(parts, 3));
	free(s);

	PRINTED(s, rc = out_chart(fp, ccols, 3, &rows[0][0], 3, "label",
	    "nosuch"));
	CHECK_INT(rc, CS_SOFTWARE);
	free(s);
}

int
main(void)
{
	const struct out_cell rows[2][5] = {
		{ { 0, 7, NULL }, { 0, 0, "退票" }, { 0, 1250, NULL },
		  { 0, 0, "13800135678" }, { 1, 0, NULL } },
		{ { 0, 12, NULL }, { 0, 0, "tab\there\\ \x1b[31mred" },
		  { 0, 5, NULL }, { 1, 0, NULL }, { 0, 1795398000, NULL } },
	};
	char	*s;

	setenv("TZ", "Asia/Shanghai", 1);
	tzset();

	/* TSV: default columns, escapes, no header. */
	s = render(OUT_TSV, NULL, 0, 0, rows, 2);
	CHECK_STR(s, "T7\t退票\t12.50\n"
	    "T12\ttab\\there\\\\ \\x1b[31mred\t0.05\n");
	free(s);

	/* -H and -o pick and order; the phone is masked; null is empty. */
	s = render(OUT_TSV, "phone,id,at", 1, 0, rows, 2);
	CHECK_STR(s, "phone\tid\tat\n138****5678\tT7\t\n"
	    "\tT12\t2026-11-23T09:40:00+08:00\n");
	free(s);
	s = render(OUT_TSV, "phone", 0, 1, rows, 1);
	CHECK_STR(s, "13800135678\n");
	free(s);

	/* An unknown column is refused. */
	CHECK(render(OUT_TSV, "id,nosuch", 0, 0, rows, 2) == NULL);

	/* Table: aligned by display width, money right-aligned. */
	s = render(OUT_TABLE, "id,subject,amount", 0, 0, rows, 2);
	CHECK_STR(s,
	    "ID   SUBJECT                 AMOUNT\n"
	    "T7   退票                     12.50\n"
	    "T12  tab\\there\\ \\x1b[31mred    0.05\n");
	free(s);

	/* JSON Lines: typed values, null, escapes. */
	s = render(OUT_JSON, "id,subject,amount,phone", 0, 0, rows, 2);
	CHECK_STR(s,
	    "{\"id\":\"T7\",\"subject\":\"退票\",\"amount\":\"12.50\","
	    "\"phone\":\"138****5678\"}\n"
	    "{\"id\":\"T12\",\"subject\":\"tab\\there\\\\ \\u001b[31mred\","
	    "\"amount\":\"0.05\",\"phone\":null}\n");
	free(s);

	/* Invalid UTF-8 never reaches a terminal or a JSON reader raw. */
	{
		char	*b = NULL;
		size_t	 l = 0;
		FILE	*fp = open_memstream(&b, &l);

		out_text(fp, "a\xff" "b\xc2\x9b" "c", 0);
		out_json_string(fp, "a\xff" "b");
		fclose(fp);
		CHECK_STR(b, "a\\xffb\\xc2\\x9bc\"a\\ufffdb\"");
		free(b);
	}

	/*
	 * Bidi overrides, isolates, marks and other format controls are
	 * escaped in a table, in TSV (as bytes its reader takes back) and
	 * in JSON; joiners and CJK text are not.
	 */
	{
		static const char in[] = "a\xe2\x80\xae" "b\xe2\x81\xa6" "c"
		    "\xe2\x80\x8f" "d\xd8\x9c" "e\xe2\x80\xa8" "f"
		    "\xef\xbb\xbf" "g\xe2\x80\x8d" "中";
		char	*b = NULL;
		size_t	 l = 0;
		FILE	*fp = open_memstream(&b, &l);

		out_text(fp, in, 0);
		fputc('|', fp);
		out_text(fp, in, 1);
		fputc('|', fp);
		out_json_string(fp, in);
		fclose(fp);
		CHECK_STR(b, "a\\u202eb\\u2066c\\u200fd\\u061ce\\u2028f"
		    "\\ufeffg\xe2\x80\x8d中|"
		    "a\\xe2\\x80\\xaeb\\xe2\\x81\\xa6c\\xe2\\x80\\x8fd"
		    "\\xd8\\x9ce\\xe2\\x80\\xa8f\\xef\\xbb\\xbfg"
		    "\xe2\x80\x8d中|"
		    "\"a\\u202eb\\u2066c\\u200fd\\u061ce\\u2028f"
		    "\\ufeffg\xe2\x80\x8d中\"");
		free(b);
		for (l = 0x202a; l <= 0x202e; l++)
			CHECK(out_format_control((uint32_t)l));
		for (l = 0x2066; l <= 0x2069; l++)
			CHECK(out_format_control((uint32_t)l));
		CHECK(!out_format_control(0x200d));
		CHECK(!out_format_control(0x4e2d));
	}

	/* A failed write is reported by the checked close. */
	{
		FILE	*fp = fopen("/dev/full", "w");

		if (fp != NULL) {
			fputs("x", fp);
			CHECK_INT(out_fshut(fp), CS_IOERR);
		}
	}
	test_record();
	test_sublist();
	test_chart();
	CHECK_DONE();
}
