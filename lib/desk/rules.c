/*
 * rules.c: the desk's rules in cs.conf(5).  Each desk file that owns a
 * rule registers its keywords, defaults and printing (struct rule_conf);
 * this file lists them, hands their keywords to the reader, and prints
 * the effective configuration in the order cs-report config has always
 * shown it.
 */
#include <stdlib.h>
#include <string.h>

#include "desk.h"

/* Printed after the core's agents and queues, before its database. */
static const struct rule_conf *const before_database[] = {
	&tier_conf, &templates_conf, NULL
};

/* Printed after the database, in this order. */
static const struct rule_conf *const after_database[] = {
	&greeting_conf, &forbid_conf, &fee_conf, &calendar_conf, &sla_conf,
	&stuck_conf, &escalation_conf, &notify_conf, &sweep_conf, &score_conf,
	&refund_conf, &invoice_conf, &point_conf, &ride_conf, &comp_conf,
	NULL
};

#define NRULES	(sizeof(before_database) / sizeof(before_database[0]) + \
		    sizeof(after_database) / sizeof(after_database[0]) - 2)

/* Every rule, once; NULL-terminated. */
static void
rule_list(const struct rule_conf **all)
{
	size_t	 i, n = 0;

	for (i = 0; before_database[i] != NULL; i++)
		all[n++] = before_database[i];
	for (i = 0; after_database[i] != NULL; i++)
		all[n++] = after_database[i];
	all[n] = NULL;
}

/*
 * The currency of the rules' amounts, once the file is read.  Those a
 * file wrote are the desk's (conf_amount); a schedule or rule without
 * amounts of its own is the desk's too.  The built-in amounts are
 * yuan, from the decks: 12306's rail schedule, Didi's cancellation
 * fees and the compensation cap and coupon keep CNY (an order in
 * another currency is refused by the rule, never charged yuan as its
 * own minor units); the built-in approval limits of agent and
 * supervisor, 500 and 5000 yuan, are 0 on a desk in another currency
 * until the file gives them, so no one with a limit lets money go by
 * a limit written for another currency.
 */
static void
money_rules(const struct config *c, struct rules *r)
{
	size_t	 i;

	strlcpy(r->currency, c->currency, sizeof(r->currency));
	for (i = 0; i < r->nfees; i++)
		if (r->fees[i].currency[0] == '\0')
			strlcpy(r->fees[i].currency, c->currency,
			    sizeof(r->fees[i].currency));
	for (i = 0; i < r->nrides; i++)
		if (r->rides[i].currency[0] == '\0')
			strlcpy(r->rides[i].currency, c->currency,
			    sizeof(r->rides[i].currency));
	for (i = 0; i < r->ncomps; i++)
		if (r->comps[i].currency[0] == '\0')
			strlcpy(r->comps[i].currency, c->currency,
			    sizeof(r->comps[i].currency));
	if (strcmp(c->currency, CONF_CURRENCY) == 0)
		return;
	for (i = 0; i < sizeof(r->refund_limit) / sizeof(r->refund_limit[0]);
	    i++)
		if (!(r->refund_limit_set & (1 << i)) && r->refund_limit[i] > 0)
			r->refund_limit[i] = 0;
}

int
rules_load(struct config *c, struct rules *r, const char *path)
{
	const struct rule_conf		*all[NRULES + 1];
	const struct conf_keyword	*tables[NRULES + 1];
	size_t				 i;
	int				 rc;

	rule_list(all);
	memset(r, 0, sizeof(*r));
	for (i = 0; all[i] != NULL; i++) {
		if (all[i]->defaults != NULL)
			all[i]->defaults(r);
		tables[i] = all[i]->keywords;
	}
	tables[i] = NULL;
	if ((rc = config_load(c, path, tables, r)) != 0)
		return rc;
	/*
	 * A calendar without a zone of its own, the built-in ones too, is
	 * in the desk's time zone wherever `timezone' stands in the file.
	 */
	for (i = 0; i < r->ncals; i++)
		if (!r->cals[i].zoned)
			strlcpy(r->cals[i].tz, c->timezone,
			    sizeof(r->cals[i].tz));
	money_rules(c, r);
	return 0;
}

void
rules_free(struct rules *r)
{
	const struct rule_conf	*all[NRULES + 1];
	size_t			 i;

	rule_list(all);
	for (i = 0; all[i] != NULL; i++)
		if (all[i]->free != NULL)
			all[i]->free(r);
	memset(r, 0, sizeof(*r));
}

void
rules_print(const struct config *c, const struct rules *r, FILE *fp)
{
	size_t	 i;

	config_print(c, fp);
	for (i = 0; before_database[i] != NULL; i++)
		before_database[i]->print(r, fp);
	config_print_database(c, fp);
	for (i = 0; after_database[i] != NULL; i++)
		after_database[i]->print(r, fp);
}
