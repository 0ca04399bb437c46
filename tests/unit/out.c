/* out.c: one column description drives the table, TSV and JSON Lines. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cs.h"
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
	CHECK_DONE();
}
