/*
 * config.c: cs.conf(5).  Line-oriented "keyword arguments...", '#'
 * comments, read with fparseln(3).  The built-in defaults are the desk's
 * rules of DOMAIN.md, so no file is needed.  Each keyword is one entry in
 * a table below; later features add entries, not branches.
 */
#include <err.h>
#include <errno.h>
#include <libgen.h>
#include <libutil.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cs.h"

#define CONF_MAXARGS	64
#define CONF_MAXDEPTH	8	/* include nesting */
#define CONF_MAX	(1 << 20)	/* longest configuration file, bytes */

struct parse {
	struct config	*conf;
	const char	*file;
	size_t		 line;
	int		 depth;
};

static const char *const role_names[] = {
	"agent", "supervisor", "manager", "tech", "finance", "admin", NULL
};

static const char *const builtin_tiers[] = {
	"standard", "vip1", "vip2", "vip3", "partner", "enterprise", NULL
};

static const char *const builtin_queues[] = {
	"frontline", "tech", "finance", "logistics", "arbitration", NULL
};

static int	 parse_file(struct parse *, const char *path);

static void
perr(const struct parse *p, const char *fmt, ...)
{
	va_list	 ap;
	char	 msg[512];

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	warnx("%s:%zu: %s", p->file, p->line, msg);
}

static char *
xstrdup(const char *s)
{
	char	*d;

	if ((d = strdup(s)) == NULL)
		err(CS_SOFTWARE, NULL);
	return d;
}

static void
set_str(char **dst, const char *s)
{
	free(*dst);
	*dst = xstrdup(s);
}

static void
push_str(char ***list, size_t *n, const char *s)
{
	char	**l;

	if ((l = reallocarray(*list, *n + 1, sizeof(**list))) == NULL)
		err(CS_SOFTWARE, NULL);
	l[(*n)++] = xstrdup(s);
	*list = l;
}

/* The arguments from argv[i] on, joined by single spaces. */
static void
join(char **argv, int argc, int i, char *buf, size_t len)
{
	buf[0] = '\0';
	for (; i < argc; i++) {
		strlcat(buf, argv[i], len);
		if (i + 1 < argc)
			strlcat(buf, " ", len);
	}
}

int
role_parse(const char *s)
{
	char	 buf[256], *p, *w;
	int	 bits = 0, i;

	if (strlcpy(buf, s, sizeof(buf)) >= sizeof(buf))
		return -1;
	for (p = buf; (w = strsep(&p, ",")) != NULL;) {
		if ((i = word_index(role_names, w)) == -1)
			return -1;	/* also an empty word: "agent," */
		bits |= 1 << i;
	}
	return bits;
}

/* "08:30" -> 510 */
static int
parse_hhmm(const char *s)
{
	int	 h, m;
	char	 end;

	/* Digits only: %d alone would take "+8:30" and " 8:30". */
	if (strspn(s, "0123456789:") != 5 ||
	    sscanf(s, "%2d:%2d%c", &h, &m, &end) != 2 || strlen(s) != 5 ||
	    h < 0 || h > 24 || m < 0 || m > 59 || (h == 24 && m != 0))
		return -1;
	return h * 60 + m;
}

static int
kw_include(struct parse *p, int argc, char **argv)
{
	char	 path[1024], dir[1024];

	if (argc != 2) {
		perr(p, "usage: include FILE");
		return CS_CONFIG;
	}
	if (argv[1][0] == '/')
		strlcpy(path, argv[1], sizeof(path));
	else {
		/* Relative to the including file, as cpp does. */
		strlcpy(dir, p->file, sizeof(dir));
		snprintf(path, sizeof(path), "%s/%s", dirname(dir), argv[1]);
	}
	if (p->depth >= CONF_MAXDEPTH) {
		perr(p, "include nested too deeply");
		return CS_CONFIG;
	}
	return parse_file(p, path);
}

/*
 * 1 if zone names a time-zone file (TZif) under /usr/share/zoneinfo: a
 * directory ("Asia") or a table ("zone.tab") would be taken by tzset(3)
 * as UTC without a word.
 */
static int
zone_ok(const char *zone)
{
	char	 path[1024], magic[4];
	FILE	*fp;
	int	 ok;

	if (strstr(zone, "..") != NULL)
		return 0;
	snprintf(path, sizeof(path), "/usr/share/zoneinfo/%s", zone);
	if ((fp = fopen(path, "r")) == NULL)
		return 0;
	ok = fread(magic, 1, 4, fp) == 4 && memcmp(magic, "TZif", 4) == 0;
	fclose(fp);
	return ok;
}

static int
kw_timezone(struct parse *p, int argc, char **argv)
{
	if (argc != 2) {
		perr(p, "usage: timezone ZONE");
		return CS_CONFIG;
	}
	if (!zone_ok(argv[1])) {
		perr(p, "timezone %s: unknown time zone", argv[1]);
		return CS_CONFIG;
	}
	set_str(&p->conf->timezone, argv[1]);
	return 0;
}

static int
yes_no(struct parse *p, int argc, char **argv, int *val)
{
	if (argc == 2 && strcmp(argv[1], "yes") == 0)
		*val = 1;
	else if (argc == 2 && strcmp(argv[1], "no") == 0)
		*val = 0;
	else {
		perr(p, "usage: %s yes|no", argv[0]);
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_agent_env(struct parse *p, int argc, char **argv)
{
	return yes_no(p, argc, argv, &p->conf->agent_env);
}

static int
kw_agent(struct parse *p, int argc, char **argv)
{
	struct config	*c = p->conf;
	struct conf_agent *a;
	char		 roles[256];
	int		 bits;
	size_t		 i;

	if (argc < 4 || strcmp(argv[2], "role") != 0) {
		perr(p, "usage: agent NAME role ROLE[,ROLE...]");
		return CS_CONFIG;
	}
	join(argv, argc, 3, roles, sizeof(roles));
	for (i = 0; roles[i] != '\0'; i++)
		if (roles[i] == ' ')
			roles[i] = ',';
	if ((bits = role_parse(roles)) == -1) {
		perr(p, "agent %s: unknown role in \"%s\"", argv[1], roles);
		return CS_CONFIG;
	}
	for (i = 0; i < c->nagents; i++) {
		if (strcmp(c->agents[i].name, argv[1]) == 0) {
			perr(p, "agent %s: defined twice", argv[1]);
			return CS_CONFIG;
		}
	}
	a = reallocarray(c->agents, c->nagents + 1, sizeof(*a));
	if (a == NULL)
		err(CS_SOFTWARE, NULL);
	a[c->nagents].name = xstrdup(argv[1]);
	a[c->nagents].roles = bits;
	c->agents = a;
	c->nagents++;
	return 0;
}

static int
kw_queue(struct parse *p, int argc, char **argv)
{
	int	 i;

	if (argc < 2) {
		perr(p, "usage: queue NAME...");
		return CS_CONFIG;
	}
	for (i = 1; i < argc; i++)
		push_str(&p->conf->queues, &p->conf->nqueues, argv[i]);
	return 0;
}

static int
kw_templates(struct parse *p, int argc, char **argv)
{
	if (argc != 2) {
		perr(p, "usage: templates DIRECTORY");
		return CS_CONFIG;
	}
	set_str(&p->conf->templates, argv[1]);
	return 0;
}

static int
kw_forbid(struct parse *p, int argc, char **argv)
{
	char	 phrase[1024];

	if (argc < 2) {
		perr(p, "usage: forbid PHRASE");
		return CS_CONFIG;
	}
	join(argv, argc, 1, phrase, sizeof(phrase));
	push_str(&p->conf->forbidden, &p->conf->nforbidden, phrase);
	return 0;
}

static int
kw_greeting(struct parse *p, int argc, char **argv)
{
	struct config	*c = p->conf;
	char		 text[256];
	int		 from, until;

	if (argc >= 5 && strcmp(argv[1], "morning") == 0) {
		from = parse_hhmm(argv[2]);
		until = parse_hhmm(argv[3]);
		if (from == -1 || until == -1 || from >= until) {
			perr(p, "greeting morning: bad hours %s %s", argv[2],
			    argv[3]);
			return CS_CONFIG;
		}
		c->morning_from = from;
		c->morning_until = until;
		join(argv, argc, 4, text, sizeof(text));
		set_str(&c->greet_morning, text);
		return 0;
	}
	if (argc >= 3) {
		join(argv, argc, 2, text, sizeof(text));
		if (strcmp(argv[1], "default") == 0)
			set_str(&c->greet_default, text);
		else if (strcmp(argv[1], "weekend") == 0)
			set_str(&c->greet_weekend, text);
		else if (strcmp(argv[1], "holiday") == 0)
			set_str(&c->greet_holiday, text);
		else
			goto usage;
		return 0;
	}
usage:
	perr(p, "usage: greeting morning HH:MM HH:MM TEXT | "
	    "greeting default|weekend|holiday TEXT");
	return CS_CONFIG;
}

static int
kw_database(struct parse *p, int argc, char **argv)
{
	if (argc != 2 || argv[1][0] != '/') {
		perr(p, "usage: database /ABSOLUTE/PATH");
		return CS_CONFIG;
	}
	set_str(&p->conf->database, argv[1]);
	return 0;
}

static int
kw_database_group(struct parse *p, int argc, char **argv)
{
	if (argc != 2) {
		perr(p, "usage: database-group GROUP");
		return CS_CONFIG;
	}
	set_str(&p->conf->db_group, argv[1]);
	return 0;
}

static int
kw_refund_limit(struct parse *p, int argc, char **argv)
{
	const char	*errstr;
	int64_t		 v;
	int		 i;

	if (argc != 3 || (i = word_index(role_names, argv[1])) == -1) {
		perr(p, "usage: refund-limit ROLE AMOUNT|none");
		return CS_CONFIG;
	}
	if (strcmp(argv[2], "none") == 0)
		v = -1;
	else if (money_parse(argv[2], 2, &v, &errstr) == -1) {
		perr(p, "refund-limit %s: %s: %s", argv[1], argv[2], errstr);
		return CS_CONFIG;
	}
	p->conf->refund_limit[i] = v;
	return 0;
}

static int
kw_invoice_tax(struct parse *p, int argc, char **argv)
{
	const char	*errstr;

	if (argc != 2) {
		perr(p, "usage: invoice-tax PERCENT");
		return CS_CONFIG;
	}
	if (invoice_rate_parse(argv[1], &p->conf->invoice_tax, &errstr) == -1) {
		perr(p, "invoice-tax %s: %s", argv[1], errstr);
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_invoice_postage(struct parse *p, int argc, char **argv)
{
	const char	*errstr;

	if (argc != 2) {
		perr(p, "usage: invoice-postage AMOUNT");
		return CS_CONFIG;
	}
	if (money_parse(argv[1], 2, &p->conf->invoice_postage, &errstr) == -1) {
		perr(p, "invoice-postage %s: %s", argv[1], errstr);
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_ride_cancel(struct parse *p, int argc, char **argv)
{
	struct config		*c = p->conf;
	struct ride_rule	*r = NULL;
	const char		*errstr;
	size_t			 i;
	int			 k;

	if (argc < 3) {
		perr(p, "usage: ride-cancel CITY KEY=VALUE...");
		return CS_CONFIG;
	}
	if (strcmp(argv[1], "*") != 0 && (!cs_name_ok(argv[1]) ||
	    strlen(argv[1]) >= sizeof(r->city))) {
		perr(p, "ride-cancel %s: a city is letters, digits, '.', '-', "
		    "'_', or *", argv[1]);
		return CS_CONFIG;
	}
	for (i = 0; i < c->nrides; i++)
		if (strcmp(c->rides[i].city, argv[1]) == 0)
			r = &c->rides[i];
	if (r == NULL) {
		if (c->nrides == RIDE_MAXRULES) {
			perr(p, "too many ride-cancel cities");
			return CS_CONFIG;
		}
		/* A city starts from the rules of every other city. */
		r = &c->rides[c->nrides++];
		*r = c->rides[0];
		strlcpy(r->city, argv[1], sizeof(r->city));
	}
	for (k = 2; k < argc; k++) {
		if (ride_rule_set(r, argv[k], &errstr) == -1) {
			perr(p, "ride-cancel %s %s: %s", argv[1], argv[k],
			    errstr);
			return CS_CONFIG;
		}
	}
	return 0;
}

static int
kw_point_value(struct parse *p, int argc, char **argv)
{
	const char	*errstr;
	int64_t		 v;

	if (argc != 2) {
		perr(p, "usage: point-value AMOUNT");
		return CS_CONFIG;
	}
	if (money_parse(argv[1], 2, &v, &errstr) == -1) {
		perr(p, "point-value %s: %s", argv[1], errstr);
		return CS_CONFIG;
	}
	if (v == 0 || v > 100000000) {
		perr(p, "point-value %s: from 0.01 to 1000000.00", argv[1]);
		return CS_CONFIG;
	}
	p->conf->point_value = v;
	return 0;
}

static int
kw_stuck(struct parse *p, int argc, char **argv)
{
	struct config	*c = p->conf;
	struct stuck	*st = NULL;
	int64_t		 after;
	size_t		 i;

	if (argc != 4 || fee_duration(argv[3], &after) == -1 ||
	    after == 0) {
		perr(p, "usage: stuck KIND STATUS DURATION");
		return CS_CONFIG;
	}
	if (strlen(argv[1]) >= sizeof(st->kind) ||
	    strlen(argv[2]) >= sizeof(st->status)) {
		perr(p, "stuck %s %s: no such order state", argv[1], argv[2]);
		return CS_CONFIG;
	}
	for (i = 0; i < c->nstuck; i++)
		if (strcmp(c->stuck[i].kind, argv[1]) == 0 &&
		    strcmp(c->stuck[i].status, argv[2]) == 0)
			st = &c->stuck[i];
	if (st == NULL) {
		if (c->nstuck == sizeof(c->stuck) / sizeof(c->stuck[0])) {
			perr(p, "too many stuck rules");
			return CS_CONFIG;
		}
		st = &c->stuck[c->nstuck++];
		strlcpy(st->kind, argv[1], sizeof(st->kind));
		strlcpy(st->status, argv[2], sizeof(st->status));
	}
	st->after = after;
	return 0;
}

static int
kw_tier(struct parse *p, int argc, char **argv)
{
	struct config	*c = p->conf;
	size_t		 i;
	int		 k;

	if (argc < 2) {
		perr(p, "usage: tier NAME...");
		return CS_CONFIG;
	}
	/* The first tier line replaces the built-in list. */
	if (!c->tiers_set) {
		for (i = 0; i < c->ntiers; i++)
			free(c->tiers[i]);
		c->ntiers = 0;
		c->tiers_set = 1;
	}
	for (k = 1; k < argc; k++) {
		if (!cs_name_ok(argv[k])) {
			perr(p, "tier %s: letters, digits, '.', '-', '_'",
			    argv[k]);
			return CS_CONFIG;
		}
		push_str(&c->tiers, &c->ntiers, argv[k]);
	}
	return 0;
}

static int
kw_unmask(struct parse *p, int argc, char **argv)
{
	int	 bits;

	if (argc != 2 || (bits = role_parse(argv[1])) == -1) {
		perr(p, "usage: unmask ROLE[,ROLE...]");
		return CS_CONFIG;
	}
	p->conf->unmask_roles = bits;
	return 0;
}

/* The schedule for kind, added (empty, refundable) when new. */
static struct fee_schedule *
fee_for(struct parse *p, const char *kind)
{
	struct config		*c = p->conf;
	struct fee_schedule	*f;
	size_t			 i;

	for (i = 0; i < c->nfees; i++)
		if (strcmp(c->fees[i].kind, kind) == 0)
			return &c->fees[i];
	if (c->nfees == sizeof(c->fees) / sizeof(c->fees[0])) {
		perr(p, "fee %s: too many order kinds", kind);
		return NULL;
	}
	if (strlen(kind) >= FEE_KIND_MAX || !cs_name_ok(kind)) {
		perr(p, "fee %s: bad order kind", kind);
		return NULL;
	}
	f = &c->fees[c->nfees++];
	memset(f, 0, sizeof(*f));
	strlcpy(f->kind, kind, sizeof(f->kind));
	f->inclusive = 1;
	f->step = 1;
	f->refundable = 1;
	return f;
}

/* "5%", "12.5%" -> basis points; -1 if malformed or over 100%. */
static int64_t
parse_rate(const char *s)
{
	char		 num[32];
	const char	*errstr;
	size_t		 n = strlen(s);
	int64_t		 v;

	if (n < 2 || n >= sizeof(num) || s[n - 1] != '%')
		return -1;
	memcpy(num, s, n - 1);
	num[n - 1] = '\0';
	if (money_parse(num, 2, &v, &errstr) == -1 || v > 10000)
		return -1;
	return v;
}

static int
fee_band_add(struct parse *p, struct fee_schedule *f, int argc, char **argv)
{
	struct fee_band	 b;
	const char	*errstr;
	int		 i;

	if (argc < 5 || argc > 6 || fee_duration(argv[3], &b.from) == -1)
		goto usage;
	b.rate = 0;
	b.fixed = -1;
	if (argc == 6 && strcmp(argv[4], "fixed") == 0) {
		if (money_parse(argv[5], 2, &b.fixed, &errstr) == -1) {
			perr(p, "fee %s band: %s: %s", f->kind, argv[5],
			    errstr);
			return CS_CONFIG;
		}
	} else if (argc == 5 && (b.rate = parse_rate(argv[4])) == -1) {
		perr(p, "fee %s band: %s: not a percentage from 0%% to "
		    "100%%", f->kind, argv[4]);
		return CS_CONFIG;
	} else if (argc != 5)
		goto usage;
	/* A file's first band replaces the built-in ones. */
	if (!f->configured) {
		f->nbands = 0;
		f->configured = 1;
	}
	if (f->nbands == FEE_MAXBANDS) {
		perr(p, "fee %s: more than %d bands", f->kind, FEE_MAXBANDS);
		return CS_CONFIG;
	}
	for (i = 0; i < f->nbands; i++) {
		if (f->bands[i].from == b.from) {
			perr(p, "fee %s: two bands start at %s", f->kind,
			    argv[3]);
			return CS_CONFIG;
		}
	}
	/* Keep the bands ascending, whatever order the file has. */
	for (i = f->nbands; i > 0 && f->bands[i - 1].from > b.from; i--)
		f->bands[i] = f->bands[i - 1];
	f->bands[i] = b;
	f->nbands++;
	return 0;
usage:
	perr(p, "usage: fee KIND band DURATION PERCENT%% | "
	    "fee KIND band DURATION fixed AMOUNT");
	return CS_CONFIG;
}

static int
kw_fee(struct parse *p, int argc, char **argv)
{
	struct fee_schedule	*f;
	const char		*errstr, *set;

	if (argc < 3) {
		perr(p, "usage: fee KIND SETTING ARGUMENTS");
		return CS_CONFIG;
	}
	if ((f = fee_for(p, argv[1])) == NULL)
		return CS_CONFIG;
	set = argv[2];
	if (strcmp(set, "band") == 0)
		return fee_band_add(p, f, argc, argv);
	if (argc != 4 && !(strcmp(set, "rounding") == 0 && argc == 5))
		goto usage;
	if (strcmp(set, "measure") == 0) {
		if (strcmp(argv[3], "before-service") == 0)
			f->measure = FEE_BEFORE_SERVICE;
		else if (strcmp(argv[3], "after-order") == 0)
			f->measure = FEE_AFTER_ORDER;
		else
			goto usage;
	} else if (strcmp(set, "edges") == 0) {
		if (strcmp(argv[3], "inclusive") == 0)
			f->inclusive = 1;
		else if (strcmp(argv[3], "exclusive") == 0)
			f->inclusive = 0;
		else
			goto usage;
	} else if (strcmp(set, "minimum") == 0) {
		if (money_parse(argv[3], 2, &f->minimum, &errstr) == -1) {
			perr(p, "fee %s minimum: %s: %s", f->kind, argv[3],
			    errstr);
			return CS_CONFIG;
		}
	} else if (strcmp(set, "rounding") == 0) {
		if (money_parse(argv[3], 2, &f->step, &errstr) == -1 ||
		    f->step == 0) {
			perr(p, "fee %s rounding: %s: not a step", f->kind,
			    argv[3]);
			return CS_CONFIG;
		}
		f->rounding = FEE_NEAREST;
		if (argc == 5 && strcmp(argv[4], "up") == 0)
			f->rounding = FEE_UP;
		else if (argc == 5 && strcmp(argv[4], "down") == 0)
			f->rounding = FEE_DOWN;
		else if (argc == 5 && strcmp(argv[4], "nearest") != 0)
			goto usage;
	} else if (strcmp(set, "cutoff") == 0) {
		if (strcmp(argv[3], "none") == 0)
			f->has_cutoff = 0;
		else if (strcmp(argv[3], "departure") == 0) {
			f->has_cutoff = 1;
			f->cutoff = 0;
		} else if (fee_duration(argv[3], &f->cutoff) == 0)
			f->has_cutoff = 1;
		else
			goto usage;
	} else if (strcmp(set, "refund") == 0) {
		if (strcmp(argv[3], "yes") == 0)
			f->refundable = 1;
		else if (strcmp(argv[3], "no") == 0)
			f->refundable = 0;
		else
			goto usage;
	} else
		goto usage;
	return 0;
usage:
	perr(p, "fee %s: bad setting; one of: band DURATION PERCENT%% | band "
	    "DURATION fixed AMOUNT | measure before-service|after-order | "
	    "edges inclusive|exclusive | minimum AMOUNT | rounding STEP "
	    "[nearest|up|down] | cutoff departure|DURATION|none | "
	    "refund yes|no", f->kind);
	return CS_CONFIG;
}

static struct calendar *
cal_add_named(struct config *c, const char *name)
{
	struct calendar	*k;

	if ((k = reallocarray(c->cals, c->ncals + 1, sizeof(*k))) == NULL)
		err(CS_SOFTWARE, NULL);
	c->cals = k;
	k = &c->cals[c->ncals];
	memset(k, 0, sizeof(*k));
	strlcpy(k->name, name, sizeof(k->name));
	strlcpy(k->tz, c->timezone, sizeof(k->tz));
	c->curcal = (int)c->ncals++;
	return k;
}

static int
kw_calendar(struct parse *p, int argc, char **argv)
{
	struct config	*c = p->conf;
	size_t		 i;

	if ((argc != 2 && argc != 3) || (argc == 3 &&
	    strcmp(argv[2], "24x7") != 0) || strlen(argv[1]) >= 32 ||
	    !cs_name_ok(argv[1])) {
		perr(p, "usage: calendar NAME [24x7]");
		return CS_CONFIG;
	}
	for (i = 0; i < c->ncals; i++)
		if (strcmp(c->cals[i].name, argv[1]) == 0)
			break;
	if (i < c->ncals)
		c->curcal = (int)i;
	else
		cal_add_named(c, argv[1]);
	if (argc == 3)
		c->cals[c->curcal].always = 1;
	return 0;
}

static struct calendar *
current_cal(struct parse *p, const char *kw)
{
	if (p->conf->curcal < 0) {
		perr(p, "%s: no calendar line before it", kw);
		return NULL;
	}
	return &p->conf->cals[p->conf->curcal];
}

/* "09:00-12:00" */
static int
parse_interval(const char *s, struct cal_interval *iv)
{
	char	 a[8], b[8];
	const char *dash = strchr(s, '-');

	if (dash == NULL || dash - s != 5 || strlen(dash + 1) != 5)
		return -1;
	memcpy(a, s, 5);
	a[5] = '\0';
	strlcpy(b, dash + 1, sizeof(b));
	if ((iv->from = parse_hhmm(a)) == -1 ||
	    (iv->until = parse_hhmm(b)) == -1 || iv->from >= iv->until)
		return -1;
	return 0;
}

/* Intervals argv[i..] in order and apart; their count, or -1. */
static int
parse_intervals(struct parse *p, int argc, char **argv, int i,
    struct cal_interval *iv)
{
	int	 n = 0;

	for (; i < argc; i++) {
		if (n == CAL_MAXIV) {
			perr(p, "more than %d intervals in a day", CAL_MAXIV);
			return -1;
		}
		if (parse_interval(argv[i], &iv[n]) == -1) {
			perr(p, "%s: not an interval like 09:00-18:00",
			    argv[i]);
			return -1;
		}
		if (n > 0 && iv[n].from < iv[n - 1].until) {
			perr(p, "%s: intervals must be in order and apart",
			    argv[i]);
			return -1;
		}
		n++;
	}
	return n;
}

static int
kw_hours(struct parse *p, int argc, char **argv)
{
	static const char *const days[] = {
		"sun", "mon", "tue", "wed", "thu", "fri", "sat", NULL
	};
	struct calendar		*k;
	struct cal_interval	 iv[CAL_MAXIV];
	char			 spec[32], *dash;
	int			 n, a, b, d;

	if ((k = current_cal(p, "hours")) == NULL)
		return CS_CONFIG;
	if (argc < 2) {
		perr(p, "usage: hours DAYS [HH:MM-HH:MM ...]");
		return CS_CONFIG;
	}
	strlcpy(spec, argv[1], sizeof(spec));
	if ((dash = strchr(spec, '-')) != NULL)
		*dash++ = '\0';
	a = word_index(days, spec);
	b = dash ? word_index(days, dash) : a;
	if (a == -1 || b == -1) {
		perr(p, "hours %s: days are sun mon tue wed thu fri sat, or a "
		    "range such as mon-fri", argv[1]);
		return CS_CONFIG;
	}
	if ((n = parse_intervals(p, argc, argv, 2, iv)) == -1)
		return CS_CONFIG;
	for (d = a;; d = (d + 1) % 7) {
		memcpy(k->week[d], iv, sizeof(iv));
		k->nweek[d] = n;
		if (d == b)
			break;
	}
	k->always = 0;
	return 0;
}

/* "2026-10-01" -> day number */
static int
parse_date(const char *s, int32_t *day)
{
	const char	*errstr;
	int64_t		 t;
	int		 y, m, d;
	char		 end;

	if (strlen(s) != 10 || sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d,
	    &end) != 3 || clock_parse(s, 0, &t, &errstr) == -1)
		return -1;
	*day = cal_day(y, m, d);
	return 0;
}

static int
special_cmp(const void *a, const void *b)
{
	const struct cal_special *x = a, *y = b;

	return x->day < y->day ? -1 : x->day > y->day;
}

/* Set one special day, replacing an earlier one for that date. */
static void
special_set(struct calendar *k, const struct cal_special *s)
{
	struct cal_special	*n;
	size_t			 i;

	for (i = 0; i < k->nspecial; i++) {
		if (k->special[i].day == s->day) {
			k->special[i] = *s;
			return;
		}
	}
	if ((n = reallocarray(k->special, k->nspecial + 1, sizeof(*n))) == NULL)
		err(CS_SOFTWARE, NULL);
	k->special = n;
	k->special[k->nspecial++] = *s;
	qsort(k->special, k->nspecial, sizeof(*k->special), special_cmp);
}

static int
kw_holiday(struct parse *p, int argc, char **argv)
{
	struct calendar		*k;
	struct cal_special	 s;
	char			 from[16], *dots;
	int32_t			 a, b;

	if ((k = current_cal(p, "holiday")) == NULL)
		return CS_CONFIG;
	if (argc < 2 || strlen(argv[1]) >= sizeof(from) + 12) {
		perr(p, "usage: holiday DATE[..DATE] [NAME]");
		return CS_CONFIG;
	}
	strlcpy(from, argv[1], sizeof(from));
	if ((dots = strstr(argv[1], "..")) != NULL)
		from[dots - argv[1]] = '\0';
	if (parse_date(from, &a) == -1 || (dots != NULL &&
	    parse_date(dots + 2, &b) == -1) || (dots != NULL && b < a) ||
	    (dots != NULL && b - a > 366)) {
		perr(p, "holiday %s: not a date or a range like "
		    "2026-10-01..2026-10-07", argv[1]);
		return CS_CONFIG;
	}
	if (dots == NULL)
		b = a;
	memset(&s, 0, sizeof(s));
	join(argv, argc, 2, s.name, sizeof(s.name));
	for (; a <= b; a++) {
		s.day = a;
		special_set(k, &s);
	}
	return 0;
}

static int
kw_workday(struct parse *p, int argc, char **argv)
{
	struct calendar		*k;
	struct cal_special	 s;

	if ((k = current_cal(p, "workday")) == NULL)
		return CS_CONFIG;
	memset(&s, 0, sizeof(s));
	if (argc < 2 || parse_date(argv[1], &s.day) == -1) {
		perr(p, "usage: workday DATE [HH:MM-HH:MM ...]");
		return CS_CONFIG;
	}
	if (argc > 2) {
		if ((s.niv = parse_intervals(p, argc, argv, 2, s.iv)) == -1)
			return CS_CONFIG;
	} else {
		/* A make-up day works Monday's hours. */
		memcpy(s.iv, k->week[1], sizeof(s.iv));
		s.niv = k->nweek[1];
	}
	if (s.niv == 0) {
		perr(p, "workday %s: no hours to work", argv[1]);
		return CS_CONFIG;
	}
	strlcpy(s.name, "make-up working day", sizeof(s.name));
	special_set(k, &s);
	return 0;
}

static int
kw_zone(struct parse *p, int argc, char **argv)
{
	struct calendar	*k;

	if ((k = current_cal(p, "zone")) == NULL)
		return CS_CONFIG;
	if (argc != 2 || strlen(argv[1]) >= sizeof(k->tz)) {
		perr(p, "usage: zone ZONE");
		return CS_CONFIG;
	}
	if (!zone_ok(argv[1])) {
		perr(p, "zone %s: unknown time zone", argv[1]);
		return CS_CONFIG;
	}
	strlcpy(k->tz, argv[1], sizeof(k->tz));
	return 0;
}

const struct calendar *
cal_find(const struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->ncals; i++)
		if (strcmp(c->cals[i].name, name) == 0)
			return &c->cals[i];
	return NULL;
}

static int
kw_sla(struct parse *p, int argc, char **argv)
{
	struct config		*c = p->conf;
	struct sla_policy	 n;
	char			*eq;
	int			 i, have_respond = 0, have_resolve = 0;

	memset(&n, 0, sizeof(n));
	strlcpy(n.calendar, "24x7", sizeof(n.calendar));
	if (argc < 2 || strlen(argv[1]) >= sizeof(n.name) ||
	    !cs_name_ok(argv[1]))
		goto usage;
	strlcpy(n.name, argv[1], sizeof(n.name));
	for (i = 2; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) != NULL) {
			char	*dst;
			size_t	 len;

			*eq++ = '\0';
			if (strcmp(argv[i], "category") == 0)
				dst = n.category, len = sizeof(n.category);
			else if (strcmp(argv[i], "kind") == 0)
				dst = n.kind, len = sizeof(n.kind);
			else if (strcmp(argv[i], "tier") == 0)
				dst = n.tiers, len = sizeof(n.tiers);
			else if (strcmp(argv[i], "priority") == 0)
				dst = n.priority, len = sizeof(n.priority);
			else if (strcmp(argv[i], "channel") == 0)
				dst = n.channel, len = sizeof(n.channel);
			else if (strcmp(argv[i], "needs") == 0)
				dst = n.needs, len = sizeof(n.needs);
			else {
				perr(p, "sla %s: no such match \"%s\" (category "
				    "kind tier priority channel needs)", n.name,
				    argv[i]);
				return CS_CONFIG;
			}
			if (*eq == '\0' || strlcpy(dst, eq, len) >= len) {
				perr(p, "sla %s: %s=%s: bad value", n.name,
				    argv[i], eq);
				return CS_CONFIG;
			}
			continue;
		}
		if (i + 1 >= argc)
			goto usage;
		if (strcmp(argv[i], "respond") == 0 &&
		    fee_duration(argv[i + 1], &n.respond) == 0 && n.respond)
			have_respond = 1;
		else if (strcmp(argv[i], "resolve") == 0 &&
		    fee_duration(argv[i + 1], &n.resolve) == 0 && n.resolve)
			have_resolve = 1;
		else if (strcmp(argv[i], "update") == 0 &&
		    strcmp(argv[i + 1], "daily") == 0)
			n.update = SLA_DAILY;
		else if (strcmp(argv[i], "update") == 0 &&
		    fee_duration(argv[i + 1], &n.update) == 0 && n.update)
			;
		else if (strcmp(argv[i], "calendar") == 0) {
			if (cal_find(c, argv[i + 1]) == NULL) {
				perr(p, "sla %s: no calendar \"%s\" defined "
				    "before it", n.name, argv[i + 1]);
				return CS_CONFIG;
			}
			strlcpy(n.calendar, argv[i + 1], sizeof(n.calendar));
		} else
			goto usage;
		i++;
	}
	if (!have_respond || !have_resolve)
		goto usage;
	/* The first policy in a file replaces the built-in ones. */
	if (!c->slas_set) {
		c->nslas = 0;
		c->slas_set = 1;
	}
	if (c->nslas == SLA_MAX) {
		perr(p, "more than %d sla policies", SLA_MAX);
		return CS_CONFIG;
	}
	c->slas[c->nslas++] = n;
	return 0;
usage:
	perr(p, "usage: sla NAME [category=C] [kind=K] [tier=T,...] "
	    "[priority=P] [channel=W] respond DURATION resolve DURATION "
	    "[update DURATION|daily] [calendar NAME]");
	return CS_CONFIG;
}

/* An owner named in the ladder: an agent, a queue or a role. */
static int
owner_ok(struct parse *p, const char *kw, const char *o, char *dst,
    size_t len)
{
	if (!cs_name_ok(o) || strlcpy(dst, o, len) >= len) {
		perr(p, "%s: bad owner \"%s\"", kw, o);
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_ladder(struct parse *p, int argc, char **argv)
{
	struct ladder_step	*l;
	const char		*errstr;
	long long		 lv;

	if (argc < 3 || argc > 4) {
		perr(p, "usage: ladder LEVEL DURATION [OWNER]");
		return CS_CONFIG;
	}
	lv = strtonum(argv[1], 1, 3, &errstr);
	if (errstr != NULL) {
		perr(p, "ladder %s: levels are 1, 2 and 3", argv[1]);
		return CS_CONFIG;
	}
	l = &p->conf->ladder[lv];
	if (duration_parse(argv[2], &l->due, &errstr) == -1) {
		perr(p, "ladder %s %s: %s", argv[1], argv[2], errstr);
		return CS_CONFIG;
	}
	l->owner[0] = '\0';
	if (argc == 4)
		return owner_ok(p, "ladder", argv[3], l->owner,
		    sizeof(l->owner));
	return 0;
}

static int
kw_department(struct parse *p, int argc, char **argv)
{
	struct config		*c = p->conf;
	struct department	*d = NULL;
	const char		*errstr;
	int64_t			 due;
	size_t			 i;

	if (argc < 3 || argc > 4) {
		perr(p, "usage: department NAME DURATION [OWNER]");
		return CS_CONFIG;
	}
	if (!cs_name_ok(argv[1]) || strlen(argv[1]) >= sizeof(d->name)) {
		perr(p, "department: bad name \"%s\"", argv[1]);
		return CS_CONFIG;
	}
	if (duration_parse(argv[2], &due, &errstr) == -1) {
		perr(p, "department %s %s: %s", argv[1], argv[2], errstr);
		return CS_CONFIG;
	}
	for (i = 0; i < c->ndepts; i++)
		if (strcmp(c->depts[i].name, argv[1]) == 0)
			d = &c->depts[i];
	if (d == NULL) {
		if (c->ndepts == sizeof(c->depts) / sizeof(c->depts[0])) {
			perr(p, "too many departments");
			return CS_CONFIG;
		}
		d = &c->depts[c->ndepts++];
		strlcpy(d->name, argv[1], sizeof(d->name));
	}
	d->due = due;
	return owner_ok(p, "department", argc == 4 ? argv[3] : argv[1],
	    d->owner, sizeof(d->owner));
}

static int
kw_notify(struct parse *p, int argc, char **argv)
{
	char	 buf[1024];

	if (argc < 2) {
		perr(p, "usage: notify COMMAND [ARG...]");
		return CS_CONFIG;
	}
	join(argv, argc, 1, buf, sizeof(buf));
	if (strcmp(buf, "none") == 0) {
		free(p->conf->notify);
		p->conf->notify = NULL;
	} else
		set_str(&p->conf->notify, buf);
	return 0;
}

static int
kw_warn_before(struct parse *p, int argc, char **argv)
{
	if (argc != 2 || fee_duration(argv[1], &p->conf->warn_before) == -1) {
		perr(p, "usage: warn-before DURATION (0 for none)");
		return CS_CONFIG;
	}
	return 0;
}

static int
kw_idle(struct parse *p, int argc, char **argv)
{
	struct config		*c = p->conf;
	struct idle_rule	 r;
	const char		*errstr;
	char			*eq;
	int			 i;

	if (!c->idle_set) {
		c->nidle = 0;
		c->idle_set = 1;
	}
	if (argc == 2 && strcmp(argv[1], "none") == 0)
		return 0;
	memset(&r, 0, sizeof(r));
	if (argc < 3 || word_index(ticket_statuses, argv[1]) == -1 ||
	    strcmp(argv[1], "closed") == 0)
		goto usage;
	strlcpy(r.status, argv[1], sizeof(r.status));
	if (duration_parse(argv[2], &r.after, &errstr) == -1) {
		perr(p, "idle %s %s: %s", argv[1], argv[2], errstr);
		return CS_CONFIG;
	}
	for (i = 3; i < argc; i++) {
		if ((eq = strchr(argv[i], '=')) == NULL)
			goto usage;
		*eq++ = '\0';
		if (strcmp(argv[i], "category") == 0 &&
		    word_index(ticket_categories, eq) != -1)
			strlcpy(r.category, eq, sizeof(r.category));
		else if (strcmp(argv[i], "channel") == 0 &&
		    word_index(ticket_channels, eq) != -1)
			strlcpy(r.channel, eq, sizeof(r.channel));
		else {
			perr(p, "idle: %s=%s: no such match", argv[i], eq);
			return CS_CONFIG;
		}
	}
	if (c->nidle == sizeof(c->idle) / sizeof(c->idle[0])) {
		perr(p, "too many idle rules");
		return CS_CONFIG;
	}
	c->idle[c->nidle++] = r;
	return 0;
usage:
	perr(p, "usage: idle open|pending|resolved DURATION [category=C] "
	    "[channel=W], or idle none");
	return CS_CONFIG;
}

const char *const score_parts[] = {
	"response", "resolve", "satisfaction", "reopen", NULL
};

static int
kw_score(struct parse *p, int argc, char **argv)
{
	const char	*errstr;
	int		 i, k, w[4] = { 0, 0, 0, 0 }, sum = 0;

	if (argc < 3 || argc % 2 == 0)
		goto usage;
	for (i = 1; i + 1 < argc; i += 2) {
		if ((k = word_index(score_parts, argv[i])) == -1)
			goto usage;
		w[k] = strtonum(argv[i + 1], 0, 100, &errstr);
		if (errstr != NULL) {
			perr(p, "score %s %s: a weight is 0 to 100", argv[i],
			    argv[i + 1]);
			return CS_CONFIG;
		}
		sum += w[k];
	}
	if (sum == 0) {
		perr(p, "score: the weights add up to 0");
		return CS_CONFIG;
	}
	memcpy(p->conf->score_w, w, sizeof(w));
	return 0;
usage:
	perr(p, "usage: score response N resolve N satisfaction N reopen N");
	return CS_CONFIG;
}

static const struct keyword {
	const char	*name;
	int		(*fn)(struct parse *, int, char **);
} keywords[] = {
	{ "agent",		kw_agent },
	{ "agent-env",		kw_agent_env },
	{ "calendar",		kw_calendar },
	{ "database",		kw_database },
	{ "database-group",	kw_database_group },
	{ "department",		kw_department },
	{ "fee",		kw_fee },
	{ "forbid",		kw_forbid },
	{ "greeting",		kw_greeting },
	{ "holiday",		kw_holiday },
	{ "hours",		kw_hours },
	{ "idle",		kw_idle },
	{ "include",		kw_include },
	{ "invoice-postage",	kw_invoice_postage },
	{ "invoice-tax",	kw_invoice_tax },
	{ "ladder",		kw_ladder },
	{ "notify",		kw_notify },
	{ "queue",		kw_queue },
	{ "refund-limit",	kw_refund_limit },
	{ "point-value",	kw_point_value },
	{ "score",		kw_score },
	{ "sla",		kw_sla },
	{ "ride-cancel",	kw_ride_cancel },
	{ "stuck",		kw_stuck },
	{ "templates",		kw_templates },
	{ "tier",		kw_tier },
	{ "timezone",		kw_timezone },
	{ "unmask",		kw_unmask },
	{ "warn-before",	kw_warn_before },
	{ "workday",		kw_workday },
	{ "zone",		kw_zone },
};

/* 1 if s ends in an odd number of backslashes: one not escaped. */
static int
trailing_backslash(const char *s)
{
	size_t	 n = strlen(s), k = 0;

	while (k < n && s[n - 1 - k] == '\\')
		k++;
	return k % 2 == 1;
}

static int
parse_line(struct parse *p, char *line)
{
	char	*argv[CONF_MAXARGS], *w;
	int	 argc = 0;
	size_t	 i;

	if (!utf8_valid(line, strlen(line))) {
		perr(p, "invalid UTF-8");
		return CS_CONFIG;
	}
	while ((w = strsep(&line, " \t")) != NULL) {
		if (*w == '\0')
			continue;
		/*
		 * A backslash ending a word escaped the blank after it (or
		 * the end of the file), and cs-report config would print it
		 * at the end of a line, where it joins the next one.
		 */
		if (trailing_backslash(w)) {
			perr(p, "%s: backslash at the end of a word", w);
			return CS_CONFIG;
		}
		if (argc == CONF_MAXARGS) {
			perr(p, "too many words");
			return CS_CONFIG;
		}
		argv[argc++] = w;
	}
	if (argc == 0)
		return 0;
	for (i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if (strcmp(argv[0], keywords[i].name) == 0)
			return keywords[i].fn(p, argc, argv);
	perr(p, "unknown keyword \"%s\"", argv[0]);
	return CS_CONFIG;
}

static int
parse_file(struct parse *outer, const char *path)
{
	struct parse	 p = *outer;
	FILE		*fp;
	char		*line, *buf;
	size_t		 len, n, lineno = 0;
	int		 rc = 0;

	if ((fp = fopen(path, "r")) == NULL) {
		if (outer->file != NULL)
			perr(outer, "%s: %s", path, strerror(errno));
		else
			warn("%s", path);
		return CS_CONFIG;
	}
	p.file = path;
	p.depth = outer->depth + 1;
	/*
	 * Read whole first, at most CONF_MAX bytes, so /dev/zero or a
	 * runaway pipe ends in a message, not in all of memory.
	 */
	if ((buf = malloc(CONF_MAX + 1)) == NULL)
		err(CS_SOFTWARE, NULL);
	n = fread(buf, 1, CONF_MAX + 1, fp);
	if (ferror(fp)) {
		warn("%s", path);
		rc = CS_CONFIG;
	} else if (n > CONF_MAX) {
		warnx("%s: longer than %d bytes", path, CONF_MAX);
		rc = CS_CONFIG;
	}
	fclose(fp);
	if (rc != 0 || n == 0 || (fp = fmemopen(buf, n, "r")) == NULL) {
		free(buf);
		return rc;
	}
	for (;;) {
		p.line = lineno + 1;
		line = fparseln(fp, &len, &lineno, NULL, 0);
		if (line == NULL)
			break;
		if (strlen(line) != len) {
			perr(&p, "NUL byte in line");
			rc = CS_CONFIG;
		} else if (len > 0 && line[len - 1] == '\r') {
			perr(&p, "carriage return at end of line (CRLF file?)");
			rc = CS_CONFIG;
		} else if (p.line == 1 && strncmp(line, "\xef\xbb\xbf", 3) == 0) {
			perr(&p, "byte-order mark at the start (save as UTF-8 "
			    "without BOM)");
			rc = CS_CONFIG;
		} else
			rc = parse_line(&p, line);
		free(line);
		if (rc != 0)
			break;
	}
	fclose(fp);
	free(buf);
	return rc;
}

static void
add_stuck(struct config *c, const char *kind, const char *status,
    int64_t after)
{
	struct stuck	*st = &c->stuck[c->nstuck++];

	strlcpy(st->kind, kind, sizeof(st->kind));
	strlcpy(st->status, status, sizeof(st->status));
	st->after = after;
}

static void
add_idle(struct config *c, const char *status, const char *category,
    const char *channel, int64_t after)
{
	struct idle_rule	*r = &c->idle[c->nidle++];

	strlcpy(r->status, status, sizeof(r->status));
	strlcpy(r->category, category, sizeof(r->category));
	strlcpy(r->channel, channel, sizeof(r->channel));
	r->after = after;
}

static void
defaults(struct config *c)
{
	struct calendar	*k;
	size_t		 i;
	int		 d;

	memset(c, 0, sizeof(*c));
	c->timezone = xstrdup("Asia/Shanghai");
	for (i = 0; builtin_queues[i] != NULL; i++)
		push_str(&c->queues, &c->nqueues, builtin_queues[i]);
	for (i = 0; builtin_tiers[i] != NULL; i++)
		push_str(&c->tiers, &c->ntiers, builtin_tiers[i]);
	for (i = 0; lint_builtin[i] != NULL; i++)
		push_str(&c->forbidden, &c->nforbidden, lint_builtin[i]);
	/* 早上 is 08:30 to 12:00 in the cloud-drive deck. */
	c->morning_from = 8 * 60 + 30;
	c->morning_until = 12 * 60;
	c->greet_morning = xstrdup("早上好");
	c->greet_default = xstrdup("您好");
	c->greet_weekend = xstrdup("周末好");
	c->greet_holiday = xstrdup("节日好");
	c->unmask_roles = ROLE_SUPERVISOR | ROLE_MANAGER | ROLE_ADMIN;
	c->nfees = fee_builtin(c->fees, sizeof(c->fees) / sizeof(c->fees[0]));
	/*
	 * Two calendars are built in: 24x7, and an office week of
	 * 09:00-12:00 and 13:00-18:00, Monday to Friday.  Holidays come
	 * from a file such as holidays-cn-2026.conf.
	 */
	cal_add_named(c, "24x7")->always = 1;
	k = cal_add_named(c, "office");
	for (d = 1; d <= 5; d++) {
		k->week[d][0].from = 9 * 60;
		k->week[d][0].until = 12 * 60;
		k->week[d][1].from = 13 * 60;
		k->week[d][1].until = 18 * 60;
		k->nweek[d] = 2;
	}
	c->curcal = -1;
	c->nslas = sla_builtin(c->slas, SLA_MAX);
	/*
	 * Approval limits, in fen, by role (agent supervisor manager tech
	 * finance admin): above its limit a refund waits for someone else.
	 */
	/*
	 * Ride cancellations, every city: free for 2 minutes after the
	 * driver accepts, then 5 yuan; 10 yuan once the driver has
	 * arrived; a reserved ride free until 1 hour before pickup, then
	 * 10 yuan; nothing when the driver has not arrived 15 minutes
	 * after accepting (reserved: after the pickup time).
	 */
	strlcpy(c->rides[0].city, "*", sizeof(c->rides[0].city));
	c->rides[0].free_window = 120;
	c->rides[0].fee = 500;
	c->rides[0].arrived_fee = 1000;
	c->rides[0].reserved_free = 3600;
	c->rides[0].reserved_fee = 1000;
	c->rides[0].late = 900;
	c->nrides = 1;
	/* The cloud-drive deck: 6% tax and 50 yuan postage. */
	c->invoice_tax = 600;
	c->invoice_postage = 5000;
	c->refund_limit[0] = 50000;
	c->refund_limit[1] = 500000;
	c->refund_limit[2] = -1;
	c->refund_limit[3] = 0;
	c->refund_limit[4] = -1;
	c->refund_limit[5] = -1;
	/* A point of compensation is worth a fen, 100 points a yuan. */
	c->point_value = 1;
	/*
	 * Stuck orders: a ticket paid but not issued for half an hour is a
	 * failed order in the making; goods paid and not shipped in three
	 * days, or shipped and not received in fifteen, need a look.
	 */
	c->nstuck = 0;
	add_stuck(c, "rail", "paid", 30 * 60);
	add_stuck(c, "ride", "booked", 30 * 60);
	add_stuck(c, "goods", "paid", 3 * 86400);
	add_stuck(c, "goods", "shipped", 15 * 86400);
	add_stuck(c, "membership", "paid", 3600);
	/*
	 * The ladder of DOMAIN.md: whoever holds the ticket calls back
	 * within 2 hours; then the supervisor; then the manager, who
	 * answers an incident report within 2 hours.
	 */
	for (d = 1; d <= 3; d++)
		c->ladder[d].due = 2 * 3600;
	strlcpy(c->ladder[2].owner, "supervisor", sizeof(c->ladder[2].owner));
	strlcpy(c->ladder[3].owner, "manager", sizeof(c->ladder[3].owner));
	for (i = 1; builtin_queues[i] != NULL; i++) {
		strlcpy(c->depts[c->ndepts].name, builtin_queues[i],
		    sizeof(c->depts[0].name));
		strlcpy(c->depts[c->ndepts].owner, builtin_queues[i],
		    sizeof(c->depts[0].owner));
		c->depts[c->ndepts++].due = 2 * 3600;
	}
	/*
	 * Idle tickets: a chat with no word from the customer for 10
	 * minutes, harassment going on 5 minutes after a warning (the
	 * warning puts it pending), and no answer within an hour after a
	 * solution was given.
	 */
	add_idle(c, "pending", "", "chat", 10 * 60);
	add_idle(c, "pending", "harassment", "", 5 * 60);
	add_idle(c, "resolved", "", "", 3600);
	c->score_w[0] = 25;
	c->score_w[1] = 25;
	c->score_w[2] = 30;
	c->score_w[3] = 20;
}

int
config_load(struct config *c, const char *path)
{
	struct parse	 p;
	const char	*e;
	int		 rc;

	defaults(c);
	if (path == NULL && (e = secure_getenv("CS_CONF")) != NULL &&
	    *e != '\0')
		path = e;
	if (path == NULL) {
		if (access(CS_SYSCONF, F_OK) == -1)
			return 0;
		path = CS_SYSCONF;
	}
	c->path = xstrdup(path);
	memset(&p, 0, sizeof(p));
	p.conf = c;
	if ((rc = parse_file(&p, path)) != 0)
		return rc;
	return 0;
}

static void
free_list(char **l, size_t n)
{
	size_t	 i;

	for (i = 0; i < n; i++)
		free(l[i]);
	free(l);
}

void
config_free(struct config *c)
{
	size_t	 i;

	for (i = 0; i < c->nagents; i++)
		free(c->agents[i].name);
	free(c->agents);
	free_list(c->queues, c->nqueues);
	free_list(c->tiers, c->ntiers);
	for (i = 0; i < c->ncals; i++)
		free(c->cals[i].special);
	free(c->cals);
	free_list(c->forbidden, c->nforbidden);
	free(c->path);
	free(c->timezone);
	free(c->templates);
	free(c->greet_morning);
	free(c->greet_default);
	free(c->greet_weekend);
	free(c->greet_holiday);
	free(c->db_group);
	free(c->database);
	free(c->notify);
	memset(c, 0, sizeof(*c));
}

static void
print_roles(FILE *fp, int bits)
{
	int	 i, n = 0;

	for (i = 0; role_names[i] != NULL; i++)
		if (bits & (1 << i))
			fprintf(fp, "%s%s", n++ ? "," : "", role_names[i]);
}

static void
print_intervals(const struct cal_interval *iv, int n, FILE *fp)
{
	int	 i;

	for (i = 0; i < n; i++)
		fprintf(fp, " %02d:%02d-%02d:%02d", iv[i].from / 60,
		    iv[i].from % 60, iv[i].until / 60, iv[i].until % 60);
	fputc('\n', fp);
}

static void
print_calendar(const struct calendar *k, FILE *fp)
{
	static const char *const days[] = {
		"sun", "mon", "tue", "wed", "thu", "fri", "sat"
	};
	const struct cal_special *s;
	size_t	 i;
	int	 d, y, m, dd;

	fprintf(fp, "calendar %s%s\n", k->name, k->always ? " 24x7" : "");
	fprintf(fp, "zone %s\n", k->tz);
	if (k->always)
		return;
	for (d = 0; d < 7; d++) {
		fprintf(fp, "hours %s", days[d]);
		print_intervals(k->week[d], k->nweek[d], fp);
	}
	for (i = 0; i < k->nspecial; i++) {
		s = &k->special[i];
		cal_civil(s->day, &y, &m, &dd);
		if (s->niv == 0)
			fprintf(fp, "holiday %04d-%02d-%02d%s%s\n", y, m, dd,
			    s->name[0] ? " " : "", s->name);
		else {
			fprintf(fp, "workday %04d-%02d-%02d", y, m, dd);
			print_intervals(s->iv, s->niv, fp);
		}
	}
}

static void
print_sla(const struct sla_policy *p, FILE *fp)
{
	char	 a[32], b[32];

	fprintf(fp, "sla %s", p->name);
	if (p->category[0])
		fprintf(fp, " category=%s", p->category);
	if (p->kind[0])
		fprintf(fp, " kind=%s", p->kind);
	if (p->tiers[0])
		fprintf(fp, " tier=%s", p->tiers);
	if (p->priority[0])
		fprintf(fp, " priority=%s", p->priority);
	if (p->channel[0])
		fprintf(fp, " channel=%s", p->channel);
	if (p->needs[0])
		fprintf(fp, " needs=%s", p->needs);
	duration_format(p->respond, a, sizeof(a));
	duration_format(p->resolve, b, sizeof(b));
	fprintf(fp, " respond %s resolve %s", a, b);
	if (p->update == SLA_DAILY)
		fputs(" update daily", fp);
	else if (p->update > 0) {
		duration_format(p->update, a, sizeof(a));
		fprintf(fp, " update %s", a);
	}
	fprintf(fp, " calendar %s\n", p->calendar);
}

static void
print_fee(const struct fee_schedule *f, FILE *fp)
{
	static const char *const rounding[] = { "nearest", "up", "down" };
	char	 a[32], b[32];
	int	 i;

	fprintf(fp, "fee %s measure %s\n", f->kind,
	    f->measure == FEE_AFTER_ORDER ? "after-order" : "before-service");
	fprintf(fp, "fee %s edges %s\n", f->kind,
	    f->inclusive ? "inclusive" : "exclusive");
	for (i = 0; i < f->nbands; i++) {
		if (f->bands[i].from == 0)
			strlcpy(a, "0", sizeof(a));
		else
			duration_format(f->bands[i].from, a, sizeof(a));
		if (f->bands[i].fixed >= 0) {
			money_format(f->bands[i].fixed, 2, b, sizeof(b));
			fprintf(fp, "fee %s band %s fixed %s\n", f->kind, a, b);
		} else {
			money_format(f->bands[i].rate, 2, b, sizeof(b));
			fprintf(fp, "fee %s band %s %s%%\n", f->kind, a, b);
		}
	}
	money_format(f->minimum, 2, a, sizeof(a));
	fprintf(fp, "fee %s minimum %s\n", f->kind, a);
	money_format(f->step, 2, a, sizeof(a));
	fprintf(fp, "fee %s rounding %s %s\n", f->kind, a,
	    rounding[f->rounding]);
	if (!f->has_cutoff)
		fprintf(fp, "fee %s cutoff none\n", f->kind);
	else if (f->cutoff == 0)
		fprintf(fp, "fee %s cutoff departure\n", f->kind);
	else {
		duration_format(f->cutoff, a, sizeof(a));
		fprintf(fp, "fee %s cutoff %s\n", f->kind, a);
	}
	fprintf(fp, "fee %s refund %s\n", f->kind, f->refundable ? "yes" :
	    "no");
}

static void
print_escalation(const struct config *c, FILE *fp)
{
	char	 a[32];
	size_t	 i;
	int	 l;

	for (l = 1; l <= 3; l++) {
		duration_format(c->ladder[l].due, a, sizeof(a));
		fprintf(fp, "ladder %d %s%s%s\n", l, a,
		    c->ladder[l].owner[0] ? " " : "", c->ladder[l].owner);
	}
	for (i = 0; i < c->ndepts; i++) {
		duration_format(c->depts[i].due, a, sizeof(a));
		fprintf(fp, "department %s %s %s\n", c->depts[i].name, a,
		    c->depts[i].owner);
	}
	fprintf(fp, "notify %s\n", c->notify ? c->notify : "none");
	if (c->warn_before > 0)
		duration_format(c->warn_before, a, sizeof(a));
	else
		strlcpy(a, "0", sizeof(a));
	fprintf(fp, "warn-before %s\n", a);
	if (c->nidle == 0)
		fputs("idle none\n", fp);
	for (i = 0; i < c->nidle; i++) {
		duration_format(c->idle[i].after, a, sizeof(a));
		fprintf(fp, "idle %s %s", c->idle[i].status, a);
		if (c->idle[i].category[0])
			fprintf(fp, " category=%s", c->idle[i].category);
		if (c->idle[i].channel[0])
			fprintf(fp, " channel=%s", c->idle[i].channel);
		fputc('\n', fp);
	}
	fprintf(fp, "score response %d resolve %d satisfaction %d reopen %d\n",
	    c->score_w[0], c->score_w[1], c->score_w[2], c->score_w[3]);
}

void
config_print(const struct config *c, FILE *fp)
{
	size_t	 i;

	fprintf(fp, "# %s\n", c->path ? c->path : "built-in defaults");
	fprintf(fp, "timezone %s\n", c->timezone);
	fprintf(fp, "agent-env %s\n", c->agent_env ? "yes" : "no");
	for (i = 0; i < c->nagents; i++) {
		fprintf(fp, "agent %s role ", c->agents[i].name);
		print_roles(fp, c->agents[i].roles);
		fputc('\n', fp);
	}
	fputs("unmask ", fp);
	print_roles(fp, c->unmask_roles);
	fputc('\n', fp);
	/* Built-in queues and phrases are there anyway: not repeated. */
	fputs("# built-in queues:", fp);
	for (i = 0; builtin_queues[i] != NULL; i++)
		fprintf(fp, " %s", builtin_queues[i]);
	fputc('\n', fp);
	for (; i < c->nqueues; i++)
		fprintf(fp, "queue %s\n", c->queues[i]);
	for (i = 0; i < c->ntiers; i++)
		fprintf(fp, "tier %s\n", c->tiers[i]);
	if (c->templates != NULL)
		fprintf(fp, "templates %s\n", c->templates);
	if (c->database != NULL)
		fprintf(fp, "database %s\n", c->database);
	if (c->db_group != NULL)
		fprintf(fp, "database-group %s\n", c->db_group);
	fprintf(fp, "greeting morning %02d:%02d %02d:%02d %s\n",
	    c->morning_from / 60, c->morning_from % 60,
	    c->morning_until / 60, c->morning_until % 60, c->greet_morning);
	fprintf(fp, "greeting default %s\n", c->greet_default);
	fprintf(fp, "greeting weekend %s\n", c->greet_weekend);
	fprintf(fp, "greeting holiday %s\n", c->greet_holiday);
	for (i = 0; lint_builtin[i] != NULL; i++)
		fprintf(fp, "# built-in: forbid %s\n", lint_builtin[i]);
	for (; i < c->nforbidden; i++)
		fprintf(fp, "forbid %s\n", c->forbidden[i]);
	for (i = 0; i < c->nfees; i++)
		print_fee(&c->fees[i], fp);
	for (i = 0; i < c->ncals; i++)
		print_calendar(&c->cals[i], fp);
	for (i = 0; i < c->nslas; i++)
		print_sla(&c->slas[i], fp);
	for (i = 0; i < c->nstuck; i++) {
		char	 a[32];

		duration_format(c->stuck[i].after, a, sizeof(a));
		fprintf(fp, "stuck %s %s %s\n", c->stuck[i].kind,
		    c->stuck[i].status, a);
	}
	print_escalation(c, fp);
	for (i = 0; role_names[i] != NULL; i++) {
		char	 a[32];

		if (c->refund_limit[i] < 0)
			strlcpy(a, "none", sizeof(a));
		else
			money_format(c->refund_limit[i], 2, a, sizeof(a));
		fprintf(fp, "refund-limit %s %s\n", role_names[i], a);
	}
	{
		char	 a[32];

		money_format(c->invoice_tax, 2, a, sizeof(a));
		fprintf(fp, "invoice-tax %s%%\n", a);
		money_format(c->invoice_postage, 2, a, sizeof(a));
		fprintf(fp, "invoice-postage %s\n", a);
		money_format(c->point_value, 2, a, sizeof(a));
		fprintf(fp, "point-value %s\n", a);
	}
	for (i = 0; i < c->nrides; i++)
		ride_rule_print(&c->rides[i], fp);
}
