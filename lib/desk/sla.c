/*
 * sla.c: the service-level policies.  A policy matches tickets by
 * category, complaint kind, customer tier, priority and channel (first
 * match wins, a catch-all at the end) and sets targets for the first
 * response, periodic updates and resolution, as business time on a
 * calendar.  The built-in ones are the desk's rules of DOMAIN.md.
 */
#include <stdlib.h>
#include <string.h>

#include "cs.h"

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
sla_match(const struct config *c, const char *category, const char *kind,
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
sla_named(const struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nslas; i++)
		if (strcmp(c->slas[i].name, name) == 0)
			return &c->slas[i];
	return NULL;
}

int
sla_due(const struct config *c, const struct sla_policy *p, int64_t from,
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
sla_left(const struct config *c, const struct sla_policy *p, int64_t from,
    int64_t due)
{
	const struct calendar	*cal;

	if (due <= from)
		return 0;
	if ((cal = cal_find(c, p->calendar)) == NULL)
		return due - from;
	return cal_between(cal, from, due);
}
