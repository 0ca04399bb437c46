/*
 * ids.c: typed record IDs (T1042, O88) and the one iterator every
 * program uses to take IDs from its arguments or, with none, from stdin,
 * so that any listing can be piped into any command that acts on it.
 * An ID of the wrong type is an error, never a guess.
 */
#include <err.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "text.h"

static const struct idtype {
	int		 letter;
	const char	*name;
	const char	*article;
} idtypes[] = {
	{ ID_CUSTOMER,	 "customer",	"a" },
	{ ID_ORDER,	 "order",	"an" },
	{ ID_PAYMENT,	 "payment",	"a" },
	{ ID_TICKET,	 "ticket",	"a" },
	{ ID_REFUND,	 "refund",	"a" },
	{ ID_ESCALATION, "escalation",	"an" },
	{ ID_INVOICE,	 "invoice",	"an" },
	{ ID_INCIDENT,	 "incident",	"an" },
	{ ID_DISPUTE,	 "dispute",	"a" },
	{ ID_GRANT,	 "grant",	"a" },
};

static const struct idtype *
find_type(int letter)
{
	size_t	 i;

	for (i = 0; i < sizeof(idtypes) / sizeof(idtypes[0]); i++)
		if (idtypes[i].letter == letter)
			return &idtypes[i];
	return NULL;
}

const char *
id_type_name(int type)
{
	const struct idtype *t = find_type(type);

	return t ? t->name : "record";
}

int
id_type_known(int type)
{
	return find_type(type) != NULL;
}

void
id_format(int type, int64_t id, char *buf, size_t len)
{
	snprintf(buf, len, "%c%lld", type, (long long)id);
}

int
id_parse(const char *s, int type, int64_t *id, const char **errstr)
{
	static char		 msg[64];
	const struct idtype	*got, *want = find_type(type);
	const char		*num = s;
	long long		 n;

	if ((got = find_type((unsigned char)*s)) != NULL)
		num = s + 1;
	/* Digits only: strtonum alone would take " 12" and "+12". */
	if (*num < '1' || *num > '9' || num[strspn(num, "0123456789")] != '\0')
		goto bad;
	n = strtonum(num, 1, INT64_MAX, errstr);
	if (*errstr != NULL)
		goto bad;
	if (got != NULL && got != want) {
		snprintf(msg, sizeof(msg), "is %s %s, not %s %s", got->article,
		    got->name, want->article, want->name);
		*errstr = msg;
		return -1;
	}
	*id = n;
	*errstr = NULL;
	return 0;
bad:
	snprintf(msg, sizeof(msg), "is not %s %s ID", want->article,
	    want->name);
	*errstr = msg;
	return -1;
}

int
cs_fatal(int status)
{
	return status == CS_USAGE || status == CS_IOERR ||
	    status == CS_TEMPFAIL || status == CS_NOPERM ||
	    status == CS_CONFIG || status == CS_SOFTWARE;
}

void
cs_tally(int *agg, int *seen, int status)
{
	if (*seen == 0)
		*agg = status;
	else if (*agg != status)
		*agg = CS_PARTIAL;
	(*seen)++;
}

struct loop {
	int		 type;
	id_fn		*idfn;
	word_fn		*wordfn;
	void		*arg;
	int		 type2;		/* id_loop2: the other type */
	typed_id_fn	*typedfn;
};

/* Names of records of some types besides their IDs (id_resolver). */
static id_resolve_fn	*resolve;
static void		*resolve_ctx;
static const char	*resolve_types = "";

void
id_resolver(const char *types, id_resolve_fn *fn, void *ctx)
{
	resolve_types = types != NULL ? types : "";
	resolve = fn;
	resolve_ctx = ctx;
}

/* One item: a typed ID or a raw word.  where is "stdin:3: " or "". */
static int
item(const struct loop *l, const char *w, const char *where)
{
	const char	*errstr;
	char		 q[256];
	int64_t		 id;
	int		 type = l->type, rc;

	if (l->wordfn != NULL)
		return l->wordfn(w, l->arg);
	if (l->type2 != 0 && (unsigned char)*w == l->type2)
		type = l->type2;
	if (resolve != NULL && type != 0 && strchr(resolve_types, type) !=
	    NULL)
		rc = resolve(resolve_ctx, type, w, &id, &errstr);
	else
		rc = -1;
	if (rc > 0) {
		warnx("%s%s", where, errstr);
		return rc;
	}
	/* A name resolved (0), or an ID to read here (-1). */
	if (rc == -1 && id_parse(w, type, &id, &errstr) == -1) {
		warnx("%s%s %s", where, diag_quote(w, q, sizeof(q)), errstr);
		return CS_DATAERR;
	}
	if (l->typedfn != NULL)
		return l->typedfn(type, id, l->arg);
	return l->idfn(id, l->arg);
}

static int
loop(int argc, char **argv, const struct loop *l)
{
	char		*line = NULL, where[64];
	size_t		 cap = 0, lineno = 0, n, k;
	int		 i, rc, agg = 0, seen = 0, got;

	if (argc > 0) {
		for (i = 0; i < argc; i++) {
			rc = item(l, argv[i], "");
			if (cs_fatal(rc))
				return rc;
			cs_tally(&agg, &seen, rc);
		}
		return agg;
	}
	if (cs_stdin_closed())
		return CS_NOINPUT;
	if (isatty(STDIN_FILENO)) {
		warnx("no IDs given and stdin is a terminal");
		return CS_USAGE;
	}
	while ((got = cs_getline(stdin, &line, &cap, &n)) != 0 &&
	    got != -2) {
		lineno++;
		snprintf(where, sizeof(where), "stdin:%zu: ", lineno);
		if (got == -3) {
			warnx("%sline longer than %d bytes, no end in %d MB: "
			    "not read further", where, CS_LINE_MAX,
			    CS_SKIP_MAX >> 20);
			cs_tally(&agg, &seen, CS_DATAERR);
			break;
		}
		if (got == -1) {
			warnx("%sline longer than %d bytes", where,
			    CS_LINE_MAX);
			rc = CS_DATAERR;
		} else if (memchr(line, '\0', n) != NULL) {
			warnx("%sNUL byte in line", where);
			rc = CS_DATAERR;
		} else if (!utf8_valid(line, n)) {
			warnx("%sinvalid UTF-8", where);
			rc = CS_DATAERR;
		} else {
			/*
			 * A comment is a line starting with '#' and holding
			 * no tab (cs(7)); with a tab it is a record, so an
			 * ID field that starts with '#' is reported below.
			 */
			if (line[0] == '#' && strchr(line, '\t') == NULL)
				continue;
			/* The first field; the rest of the line is ignored. */
			k = strcspn(line, "\t ");
			if (k == 0 && line[strspn(line, "\t ")] != '\0') {
				warnx("%sno ID before the first tab or space",
				    where);
				rc = CS_DATAERR;
				cs_tally(&agg, &seen, rc);
				continue;
			}
			line[k] = '\0';
			if (line[0] == '\0')
				continue;
			rc = item(l, line, where);
		}
		if (cs_fatal(rc)) {
			free(line);
			return rc;
		}
		cs_tally(&agg, &seen, rc);
	}
	free(line);
	if (got == -2) {
		warn("stdin");
		return CS_NOINPUT;
	}
	return agg;
}

int
id_loop(int argc, char **argv, int type, id_fn *fn, void *arg)
{
	struct loop	 l = { type, fn, NULL, arg, 0, NULL };

	return loop(argc, argv, &l);
}

int
id_loop2(int argc, char **argv, int type, int type2, typed_id_fn *fn,
    void *arg)
{
	struct loop	 l = { type, NULL, NULL, arg, type2, fn };

	return loop(argc, argv, &l);
}

int
word_loop(int argc, char **argv, word_fn *fn, void *arg)
{
	struct loop	 l = { 0, NULL, fn, arg, 0, NULL };

	return loop(argc, argv, &l);
}

int	 cs_stdin_was_closed;

int
cs_stdin_closed(void)
{
	if (!cs_stdin_was_closed)
		return 0;
	warnx("stdin: %s", strerror(EBADF));
	return CS_NOINPUT;
}
