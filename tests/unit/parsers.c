/*
 * The parsers on bad input, branch by branch: TSV escapes and limits, the
 * IDs-on-stdin loop, customer names and cs.conf(5) keywords.  Each bad
 * input is checked for its status and for the message that names what
 * is wrong, so that it is refused for the reason the test is about.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "check.h"

static char	 dir[] = "/tmp/cs-parsers-XXXXXX";
static char	 errbuf[2048];
static int	 saved = -1;
static FILE	*errfp;

/* Catch what goes to stderr from here to caught(). */
static void
catch(void)
{
	fflush(stderr);
	errfp = tmpfile();
	saved = dup(STDERR_FILENO);
	dup2(fileno(errfp), STDERR_FILENO);
}

static const char *
caught(void)
{
	size_t	 n;

	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rewind(errfp);
	n = fread(errbuf, 1, sizeof(errbuf) - 1, errfp);
	errbuf[n] = '\0';
	fclose(errfp);
	return errbuf;
}

/* want when the caught text holds it, else the text, for CHECK_STR. */
static const char *
holds(const char *text, const char *want)
{
	return strstr(text, want) != NULL ? want : text;
}

static FILE *
text_file(const char *text, size_t len)
{
	FILE	*fp = tmpfile();

	fwrite(text, 1, len, fp);
	rewind(fp);
	return fp;
}

/* One line through a reader with a three-column header; its status. */
static int
tsv_line(const char *line, const char **msg)
{
	static const struct tsv_col cols[] = {
		{ "a", 1 }, { "b", 0 }, { "c", 0 },
	};
	char		 text[8192];
	struct tsv	 r;
	FILE		*fp;
	int		 got;

	snprintf(text, sizeof(text), "a\tb\tc\n%s\n", line);
	fp = text_file(text, strlen(text));
	tsv_open(&r, fp, "t.tsv");
	catch();
	got = tsv_header(&r, cols, 3) == 0 ? tsv_read(&r) : -2;
	*msg = caught();
	if (got == 1)
		snprintf(errbuf, sizeof(errbuf), "%s", tsv_get(&r, 0));
	tsv_close(&r);
	fclose(fp);
	return got;
}

static int
collect(int64_t id, void *arg)
{
	(*(int *)arg)++;
	return id == 75 ? CS_TEMPFAIL : 0;
}

/* id_loop over a stdin holding len bytes of text; calls in *n. */
static int
loop_stdin(const char *text, size_t len, int *n, const char **msg)
{
	char	 path[256];
	FILE	*fp;
	int	 rc;

	snprintf(path, sizeof(path), "%s/stdin", dir);
	fp = fopen(path, "w");
	fwrite(text, 1, len, fp);
	fclose(fp);
	if (freopen(path, "r", stdin) == NULL)
		return -1;
	*n = 0;
	catch();
	rc = id_loop(0, NULL, ID_TICKET, collect, n);
	*msg = caught();
	return rc;
}

/* Load a configuration of one text; its status, the message in *msg. */
static int
conf(const char *text, const char **msg)
{
	struct config	 c;
	struct rules	 r;
	char		 path[256];
	FILE		*fp;
	int		 rc;

	snprintf(path, sizeof(path), "%s/t.conf", dir);
	fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	catch();
	rc = rules_load(&c, &r, path);
	*msg = caught();
	rules_free(&r);
	config_free(&c);
	return rc;
}

static const struct {
	const char	*text, *msg;
} bad_conf[] = {
	{ "include\n", "usage: include FILE" },
	{ "timezone\n", "usage: timezone ZONE" },
	{ "agent-env yes no\n", "usage: agent-env yes|no" },
	{ "agent-env\n", "usage: agent-env yes|no" },
	{ "agent alice rank agent\n", "usage: agent NAME role ROLE" },
	{ "queue\n", "usage: queue NAME..." },
	{ "templates a b\n", "usage: templates DIRECTORY" },
	{ "forbid\n", "usage: forbid PHRASE" },
	{ "greeting morning 8:30 12:00 早\n", "bad hours 8:30 12:00" },
	{ "greeting morning 08:30 12:60 早\n", "bad hours 08:30 12:60" },
	{ "greeting morning 08:30 24:01 早\n", "bad hours 08:30 24:01" },
	{ "greeting morning 08:3x 12:00 早\n", "bad hours 08:3x 12:00" },
	{ "greeting morning +8:30 12:00 早\n", "bad hours +8:30 12:00" },
	{ "greeting morning 08:30 1:200 早\n", "bad hours 08:30 1:200" },
	{ "calendar o\nhours mon +9:00-18:00\n", "+9:00-18:00: not an interval" },
	{ "greeting evening 您好\n", "usage: greeting morning" },
	{ "greeting default\n", "usage: greeting morning" },
	{ "database-group\n", "usage: database-group GROUP" },
	{ "refund-limit wizard 100\n", "usage: refund-limit ROLE" },
	{ "refund-limit agent 1.005\n", "refund-limit agent: 1.005:" },
	{ "stuck rail issued\n", "usage: stuck KIND STATUS DURATION" },
	{ "stuck rail issued 0m\n", "usage: stuck KIND STATUS DURATION" },
	{ "tier\n", "usage: tier NAME..." },
	{ "tier gold ../x\n", "tier ../x: letters, digits" },
	{ "unmask wizard\n", "usage: unmask ROLE" },
	{ "unmask\n", "usage: unmask ROLE" },
	{ "fee rail band 1d fixed 1.005\n", "fee rail band: 1.005:" },
	{ "fee rail band 1d 5% extra\n", "usage: fee KIND band" },
	{ "fee rail measure sideways\n", "bad setting" },
	{ "fee rail edges sideways\n", "bad setting" },
	{ "fee rail cutoff soon\n", "bad setting" },
	{ "fee rail refund maybe\n", "bad setting" },
	{ "calendar a b c\n", "usage: calendar NAME [24x7]" },
	{ "calendar office daily\n", "usage: calendar NAME [24x7]" },
	{ "hours mon-fri 09:00-18:00\n", "hours: no calendar line before it" },
	{ "calendar office\nhours\n", "usage: hours DAYS" },
	{ "calendar office\nhours mon-fry 09:00-18:00\n", "hours mon-fry:" },
	{ "calendar office\nhours mon-fri 0900-1800\n",
	    "not an interval like 09:00-18:00" },
	{ "calendar office\nhours mon-fri 09:00-18:0\n",
	    "not an interval like 09:00-18:00" },
	{ "calendar office\nhours mon-fri 13:00-18:00 09:00-12:00\n",
	    "intervals must be in order and apart" },
	{ "calendar office\nholiday\n", "usage: holiday DATE[..DATE]" },
	{ "calendar office\nholiday 2026-02-30\n", "holiday 2026-02-30:" },
	{ "calendar office\nholiday 2026-1-01\n", "holiday 2026-1-01:" },
	{ "calendar office\nholiday 2026-10-08..2026-10-01\n",
	    "holiday 2026-10-08..2026-10-01:" },
	{ "calendar office\nworkday 2026-13-01 09:00-18:00\n",
	    "usage: workday DATE" },
	{ "calendar office\nzone\n", "usage: zone ZONE" },
	{ "calendar office\nzone ../../etc/passwd\n", "unknown time zone" },
	{ "sla x respond 1h\n", "usage: sla NAME" },
	{ "sla x respond 1h resolve 1d update soon\n", "usage: sla NAME" },
	{ "sla x priority= respond 1h resolve 1d\n", "bad value" },
	{ "sla x colour=red respond 1h resolve 1d\n", "no such match" },
	{ "sla x respond 1h resolve 1d calendar nosuch\n",
	    "no calendar \"nosuch\"" },
	{ "ladder 4 1h\n", "ladder 4: levels are 1, 2 and 3" },
	{ "ladder 1\n", "usage: ladder LEVEL DURATION" },
	{ "ladder 1 soon\n", "ladder 1 soon:" },
	{ "ladder 1 1h ../x\n", "bad owner \"../x\"" },
	{ "department\n", "usage: department NAME DURATION" },
	{ "department ../x 1h\n", "department: bad name \"../x\"" },
	{ "department legal soon\n", "department legal soon:" },
	{ "idle open\n", "usage: idle open|pending|resolved" },
	{ "idle open soon\n", "idle open soon:" },
	{ "idle open 1h colour=red\n", "idle: colour=red: no such match" },
	{ "score response\n", "usage: score" },
	{ "score response 1 resolve\n", "usage: score" },
	{ "score response 0 resolve 0 satisfaction 0 reopen 0\n",
	    "the weights add up to 0" },
	{ "score response 101 resolve 1 satisfaction 1 reopen 1\n",
	    "a weight is 0 to 100" },
	{ "warn-before\n", "usage: warn-before DURATION" },
	{ "notify\n", "usage: notify COMMAND" },
	{ "agent \xc3\x28 role agent\n", "invalid UTF-8" },
};

/* n lines of fmt, each given its number (1 to n) as many times as used. */
static const char *
many(const char *fmt, int n)
{
	static char	 text[8192];
	size_t		 len = 0;
	int		 i;

	text[0] = '\0';
	for (i = 1; i <= n && len < sizeof(text); i++)
		len += snprintf(text + len, sizeof(text) - len, fmt, i, i, i);
	return text;
}

/* The limits: lengths of names and values, sizes of lists. */
static const struct {
	const char	*fmt, *msg;
	int		 n;
} limits[] = {
	{ "fee abcdefghijklmnop refund no\n", "bad order kind", 1 },
	{ "fee k%d refund no\n", "too many order kinds", 9 },
	{ "fee rail band %dh 1%%\n", "fee rail: more than 16 bands", 17 },
	{ "fee rail band 1h 0000000000000000000000000000001%%\n",
	    "not a percentage", 1 },
	{ "calendar abcdefghijklmnopqrstuvwxyz012345\n",
	    "usage: calendar NAME", 1 },
	{ "calendar o\nhours mon 09:00-09:00\n", "09:00-09:00", 1 },
	{ "calendar o\nhours mon 01:00-01:10 02:00-02:10 03:00-03:10 "
	    "04:00-04:10 05:00-05:10 06:00-06:10 07:00-07:10\n",
	    "more than 6 intervals in a day", 1 },
	{ "calendar o\nholiday 2026-01-01..2027-01-03\n",
	    "holiday 2026-01-01..2027-01-03: not a date or a range", 1 },
	{ "calendar o\nholiday 2026-01-01..2026-01-03..2026-01-05\n",
	    "usage: holiday", 1 },
	{ "calendar o\nworkday 2026-10-10 18:00-09:00\n", "18:00-09:00", 1 },
	{ "calendar o\nzone Asia/abcdefghijklmnopqrstuvwxyzabcdefghijklmnop"
	    "qrstuvwxyz0123456\n", "usage: zone ZONE", 1 },
	{ "stuck rail abcdefghijklmnopqrstuvwxyz"
	    "abcdefghijklmnopqrstuvwxyz 1h\n",
	    "no such order state", 1 },
	{ "sla abcdefghijklmnopqrstuvwxyz012345 respond 1h resolve 1d\n",
	    "usage: sla NAME", 1 },
	{ "sla x category=abcdefghijklmnop respond 1h resolve 1d\n",
	    "category=abcdefghijklmnop: bad value", 1 },
	{ "sla x respond 1h resolve\n", "usage: sla NAME", 1 },
	{ "sla x respond 1h resolve 1d update 0m\n", "usage: sla NAME", 1 },
	{ "sla s%d respond 1h resolve 1d\n", "more than 32 sla policies", 33 },
	{ "ladder 1 1h alice bob\n", "usage: ladder LEVEL DURATION", 1 },
	{ "ladder 1 1h abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"
	    "abcdefghijklm\n", "ladder: bad owner", 1 },
	{ "department legal 1h alice bob\n",
	    "usage: department NAME DURATION", 1 },
	{ "department abcdefghijklmnopqrstuvwxyz012345 1h\n",
	    "department: bad name", 1 },
	{ "department d%d 1h\n", "too many departments", 17 },
	{ "idle wizard 1h\n", "usage: idle open|pending|resolved", 1 },
	{ "idle open %dh\n", "too many idle rules", 9 },
};

int
main(void)
{
	const char	*msg;
	char		 big[TSV_MAXFIELDS + 1], name[256], *line;
	size_t		 i;
	int		 n;

	CHECK(mkdtemp(dir) != NULL);
	unsetenv("CS_CONF");

	/* TSV escapes, each kind, and each way to get one wrong. */
	CHECK_INT(tsv_line("x\\ny\\rz\\x4A\\x4b\tb\tc", &msg), 1);
	CHECK_STR(errbuf, "x\ny\rzJK");
	CHECK_INT(tsv_line("\\xg1\tb\tc", &msg), -1);
	CHECK_STR(holds(msg, "bad escape \\xg1"), "bad escape \\xg1");
	CHECK_INT(tsv_line("\\x1G\tb\tc", &msg), -1);
	CHECK_STR(holds(msg, "bad escape \\x1G"), "bad escape \\x1G");
	/* No NUL by escape either. */
	CHECK_INT(tsv_line("\\x00\tb\tc", &msg), -1);
	CHECK_STR(holds(msg, "bad escape \\x00"), "bad escape \\x00");
	CHECK_INT(tsv_line("ab\\x4\tb\tc", &msg), -1);	/* cut short */
	CHECK_STR(holds(msg, "bad escape \\x4"), "bad escape \\x4");
	CHECK_INT(tsv_line("ab\\\tb\tc", &msg), -1);
	CHECK_STR(holds(msg, "t.tsv:2: backslash at end of field"),
	    "t.tsv:2: backslash at end of field");
	CHECK_INT(tsv_line("only", &msg), -1);
	CHECK_STR(holds(msg, "1 field, header has 3"),
	    "1 field, header has 3");
	/* More fields than a reader holds, header or not. */
	for (i = 0; i < TSV_MAXFIELDS; i++)
		big[i] = '\t';
	big[i] = '\0';
	CHECK_INT(tsv_line(big, &msg), -1);
	CHECK_STR(holds(msg, "more than 64 fields"), "more than 64 fields");
	/* A header line that is itself bad. */
	{
		static const struct tsv_col cols[] = { { "a", 1 } };
		struct tsv	 r;
		FILE		*fp = text_file("a\t\\q\n", 5);

		tsv_open(&r, fp, "h.tsv");
		catch();
		CHECK_INT(tsv_header(&r, cols, 1), CS_DATAERR);
		msg = caught();
		CHECK_STR(holds(msg, "h.tsv:1: bad escape \\q"),
		    "h.tsv:1: bad escape \\q");
		tsv_close(&r);
		fclose(fp);
	}

	/* IDs on stdin: a NUL, an overlong line, a fatal status. */
	CHECK_INT(loop_stdin("T1\nT2\0x\nT3\n", 11, &n, &msg), CS_PARTIAL);
	CHECK_INT(n, 2);
	CHECK_STR(holds(msg, "stdin:2: NUL byte in line"),
	    "stdin:2: NUL byte in line");
	CHECK((line = malloc(CS_LINE_MAX + 2)) != NULL);
	memset(line, '1', CS_LINE_MAX + 1);
	line[0] = 'T';
	line[CS_LINE_MAX + 1] = '\n';
	CHECK_INT(loop_stdin(line, CS_LINE_MAX + 2, &n, &msg), CS_DATAERR);
	free(line);
	CHECK_INT(n, 0);
	CHECK_STR(holds(msg, "stdin:1: line longer than"),
	    "stdin:1: line longer than");
	CHECK_INT(loop_stdin("T1\nT75\nT3\n", 10, &n, &msg), CS_TEMPFAIL);
	CHECK_INT(n, 2);		/* T3 is never reached */

	/* Customer names. */
	CHECK_INT(customer_name_ok("", &msg), 0);
	CHECK_STR(msg, "empty name");
	memset(name, 'a', 201);
	name[201] = '\0';
	CHECK_INT(customer_name_ok(name, &msg), 0);
	CHECK_STR(msg, "name longer than 200 bytes");
	name[200] = '\0';
	CHECK_INT(customer_name_ok(name, &msg), 1);
	CHECK_INT(customer_name_ok("张\xe4\xb8", &msg), 0);
	CHECK_STR(msg, "invalid UTF-8 in name");
	CHECK_INT(customer_name_ok("a\tb", &msg), 0);
	CHECK_STR(msg, "control character in name");
	CHECK_INT(customer_name_ok("a\x7f", &msg), 0);
	CHECK_STR(msg, "control character in name");
	CHECK_INT(customer_name_ok("a\xc2\x85", &msg), 0);	/* U+0085 */
	CHECK_STR(msg, "control character in name");
	CHECK_INT(customer_name_ok("Zoë 张三", &msg), 1);

	/* cs.conf(5): every keyword's refusals, each at t.conf:LINE. */
	for (i = 0; i < sizeof(bad_conf) / sizeof(bad_conf[0]); i++) {
		CHECK_INT(conf(bad_conf[i].text, &msg), CS_CONFIG);
		CHECK_STR(holds(msg, bad_conf[i].msg), bad_conf[i].msg);
		CHECK_STR(holds(msg, "t.conf:"), "t.conf:");
	}

	for (i = 0; i < sizeof(limits) / sizeof(limits[0]); i++) {
		CHECK_INT(conf(many(limits[i].fmt, limits[i].n), &msg),
		    CS_CONFIG);
		CHECK_STR(holds(msg, limits[i].msg), limits[i].msg);
	}
	/* What the limits let through. */
	CHECK_INT(conf(many("fee rail band %dh 1%%\n", 16), &msg), 0);
	CHECK_INT(conf(many("sla s%d respond 1h resolve 1d\n", 32), &msg), 0);
	CHECK_INT(conf("fee rail rounding 0.5 up\nfee deposit rounding 0.5 "
	    "down\nfee goods rounding 0.5 nearest\n", &msg), 0);
	/* A ride's fee is its city's ride-cancel rules, not a schedule. */
	CHECK_INT(conf("fee ride rounding 0.5 down\n", &msg), CS_CONFIG);
	CHECK_STR(holds(msg, "fee ride: a ride's cancellation fee is its "
	    "city's ride-cancel rules"), "fee ride: a ride's cancellation fee "
	    "is its city's ride-cancel rules");
	CHECK_INT(conf("ride-cancel 北京 free=5m fee=8\n", &msg), 0);
	CHECK_INT(conf("ride-cancel 北京，上海 free=5m\n", &msg), CS_CONFIG);
	CHECK_INT(conf("sla x respond 1h resolve 1d update daily\n", &msg), 0);

	snprintf(name, sizeof(name), "%s/stdin", dir);
	unlink(name);
	snprintf(name, sizeof(name), "%s/t.conf", dir);
	unlink(name);
	rmdir(dir);
	CHECK_DONE();
}
