/*
 * sla.c: the service-level policies.  A policy matches tickets by
 * category, complaint kind, customer tier, priority and channel (first
 * match wins, a catch-all at the end) and sets targets for the first
 * response, periodic updates and resolution, as business time on a
 * calendar.  The built-in ones are the desk's rules of DOMAIN.md.
 */
#include <stdlib.h>
#include <string.h>

#include "desk.h"

#define H	3600
#define D	86400

/*
 * Built in, most specific first.  Service-quality complaints are handled
 * within 2 hours and business-handling ones within 24, on the clock;
 * complex complaints get an update at least once a day; VIP, partner and
 * enterprise customers get tighter targets.  Passengers with special needs
 * (elderly, pregnant, disabled) come first, with the tightest of all.
 */
static const struct sla_policy builtin[] = {
	{ "special-needs", "", "", "", "", "", 10 * 60, 1 * H, 0, "24x7",
	  "elderly,pregnant,disabled" },
	{ "vip-complaint", "complaint", "", "vip1,vip2,vip3,partner,enterprise",
	  "", "", 15 * 60, 1 * H, SLA_DAILY, "24x7", "" },
	{ "quality-complaint", "complaint", "quality", "", "", "",
	  30 * 60, 2 * H, 0, "24x7", "" },
	{ "business-complaint", "complaint", "business", "", "", "",
	  2 * H, 24 * H, SLA_DAILY, "24x7", "" },
	{ "vip", "", "", "vip1,vip2,vip3,partner,enterprise", "", "",
	  30 * 60, 4 * H, 0, "24x7", "" },
	/* On the office calendar 8h is a working day. */
	{ "technical", "technical", "", "", "", "", 2 * H, 24 * H, SLA_DAILY,
	  "office", "" },
	{ "harassment", "harassment", "", "", "", "", 1 * H, 1 * H, 0, "24x7",
	  "" },
	{ "inquiry", "inquiry", "", "", "", "", 1 * H, 8 * H, 0, "office", "" },
	{ "default", "", "", "", "", "", 8 * H, 24 * H, 0, "office", "" },
};

size_t
sla_builtin(struct sla_policy *p, size_t max)
{
	size_t	 n = sizeof(builtin) / sizeof(builtin[0]);

	if (n > max)
		n = max;
	memcpy(p, builtin, n * sizeof(*p));
	return n;
}

/* 1 if the comma list is empty or holds word. */
static int
in_list(const char *list, const char *word)
{
	size_t		 n;
	const char	*p;

	if (*list == '\0')
		return 1;
	if (word == NULL || *word == '\0')
		return 0;
	n = strlen(word);
	for (p = list; (p = strstr(p, word)) != NULL; p += n)
		if ((p == list || p[-1] == ',') &&
		    (p[n] == ',' || p[n] == '\0'))
			return 1;
	return 0;
}

/* 1 if the comma list is empty or shares a word with the list `have`. */
static int
any_in_list(const char *list, const char *have)
{
	char	 buf[128], *p, *w;

	if (*list == '\0')
		return 1;
	if (have == NULL || strlcpy(buf, have, sizeof(buf)) >= sizeof(buf))
		return 0;
	for (p = buf; (w = strsep(&p, ",")) != NULL;)
		if (*w != '\0' && in_list(list, w))
			return 1;
	return 0;
}

const struct sla_policy *
sla_match(const struct rules *c, const char *category, const char *kind,
    const char *tier, const char *priority, const char *channel,
    const char *needs)
{
	const struct sla_policy	*p;
	size_t			 i;

	for (i = 0; i < c->nslas; i++) {
		p = &c->slas[i];
		if (in_list(p->category, category) && in_list(p->kind, kind) &&
		    in_list(p->tiers, tier) &&
		    in_list(p->priority, priority) &&
		    in_list(p->channel, channel) &&
		    any_in_list(p->needs, needs))
			return p;
	}
	return NULL;
}

const struct sla_policy *
sla_named(const struct rules *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nslas; i++)
		if (strcmp(c->slas[i].name, name) == 0)
			return &c->slas[i];
	return NULL;
}

int
sla_due(const struct rules *c, const struct sla_policy *p, int64_t from,
    int64_t target, int64_t *due)
{
	const struct calendar	*cal;

	if (target == SLA_DAILY) {
		/*
		 * "At least once a day": every calendar day has an update,
		 * so the next is due by the end of the day after this one.
		 */
		if (clock_midnight(clock_day(from) + 2, due) == -1)
			*due = from + 2 * D;
		return 0;
	}
	if ((cal = cal_find(c, p->calendar)) == NULL)
		return -1;
	return cal_add(cal, from, target, due);
}

int64_t
sla_left(const struct rules *c, const struct sla_policy *p, int64_t from,
    int64_t due)
{
	const struct calendar	*cal;

	if (due <= from)
		return 0;
	if ((cal = cal_find(c, p->calendar)) == NULL)
		return due - from;
	return cal_between(cal, from, due);
}

static int
kw_sla(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules		*c = ctx;
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
				conf_err(p, "sla %s: no such match \"%s\" "
				    "(category kind tier priority channel "
				    "needs)", n.name, argv[i]);
				return CS_CONFIG;
			}
			if (*eq == '\0' || strlcpy(dst, eq, len) >= len) {
				conf_err(p, "sla %s: %s=%s: bad value", n.name,
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
				conf_err(p, "sla %s: no calendar \"%s\" "
				    "defined before it", n.name, argv[i + 1]);
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
		conf_err(p, "more than %d sla policies", SLA_MAX);
		return CS_CONFIG;
	}
	c->slas[c->nslas++] = n;
	return 0;
usage:
	conf_err(p, "usage: sla NAME [category=C] [kind=K] [tier=T,...] "
	    "[priority=P] [channel=W] respond DURATION resolve DURATION "
	    "[update DURATION|daily] [calendar NAME]");
	return CS_CONFIG;
}

/*
 * promise simple 12h complex 24h: the reply promised on a complaint not
 * answered on the spot, by the ticket's complexity (cloud-drive deck).
 */
static int
kw_promise(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	int64_t		 v[2];
	int		 i, k;

	memcpy(v, c->promise, sizeof(v));
	if (argc < 3 || argc % 2 == 0)
		goto usage;
	for (i = 1; i + 1 < argc; i += 2) {
		if ((k = word_index(ticket_complexities, argv[i])) == -1 ||
		    fee_duration(argv[i + 1], &v[k]) == -1 || v[k] == 0)
			goto usage;
	}
	memcpy(c->promise, v, sizeof(v));
	return 0;
usage:
	conf_err(p, "usage: promise [simple DURATION] [complex DURATION]");
	return CS_CONFIG;
}

static const struct conf_keyword sla_keywords[] = {
	{ "promise",	kw_promise },
	{ "sla",	kw_sla },
	{ NULL,		NULL },
};

static void
sla_defaults(struct rules *c)
{
	c->nslas = sla_builtin(c->slas, SLA_MAX);
	c->promise[0] = 12 * H;
	c->promise[1] = 24 * H;
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
sla_print(const struct rules *c, FILE *fp)
{
	size_t	 i;

	char	 a[32], b[32];

	for (i = 0; i < c->nslas; i++)
		print_sla(&c->slas[i], fp);
	duration_format(c->promise[0], a, sizeof(a));
	duration_format(c->promise[1], b, sizeof(b));
	fprintf(fp, "promise simple %s complex %s\n", a, b);
}

const struct rule_conf sla_conf = {
	sla_keywords, sla_defaults, sla_print, NULL
};
