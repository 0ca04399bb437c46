/*
 * agent.c: who is acting.  The actor is the real login name, so every
 * change can be traced to a person; CS_AGENT may name another agent only
 * where the configuration says `agent-env yes`, and the audit trail
 * keeps both names.
 */
#include <err.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

static const struct conf_agent *
find_agent(const struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nagents; i++)
		if (strcmp(c->agents[i].name, name) == 0)
			return &c->agents[i];
	return NULL;
}

/* The real login name, looked up once. */
static const char *
login_name(void)
{
	static char	 user[64];
	struct passwd	*pw;

	if (user[0] != '\0')
		return user;
	/* getlogin(3) fails under cron; the uid does not. */
	if ((pw = getpwuid(getuid())) != NULL && pw->pw_name != NULL)
		strlcpy(user, pw->pw_name, sizeof(user));
	else
		snprintf(user, sizeof(user), "uid%lu",
		    (unsigned long)getuid());
	return user;
}

int
agent_init(struct agent *a, const struct config *c)
{
	const struct conf_agent *ca;
	const char	*env;

	memset(a, 0, sizeof(*a));
	env = secure_getenv("CS_AGENT");
	/*
	 * An agent named where the configuration allows it: the login
	 * name is looked up only when a change is audited (the password
	 * database is a tenth of a lookup's start).
	 */
	if (env != NULL && *env != '\0' && c->agent_env) {
		if (strlcpy(a->name, env, sizeof(a->name)) >= sizeof(a->name)) {
			warnx("CS_AGENT: name too long");
			return CS_NOPERM;
		}
	} else {
		strlcpy(a->user, login_name(), sizeof(a->user));
		strlcpy(a->name, a->user, sizeof(a->name));
		if (env != NULL && *env != '\0' && strcmp(env, a->user) != 0) {
			warnx("CS_AGENT=%s: not allowed by the configuration "
			    "(agent-env no)", env);
			return CS_NOPERM;
		}
	}
	/* With no agents configured, everyone is a front-line agent. */
	if (c->nagents == 0)
		a->roles = ROLE_AGENT;
	else if ((ca = find_agent(c, a->name)) != NULL)
		a->roles = ca->roles;
	return 0;
}

const char *
agent_user(const struct agent *a)
{
	return a->user[0] != '\0' ? a->user : login_name();
}

int
agent_require(const struct agent *a, int roles, const char *what)
{
	if (a->roles & roles)
		return 0;
	if (a->roles == 0)
		warnx("%s is not an agent in the configuration", a->name);
	else
		warnx("%s: not permitted for %s", what, a->name);
	return CS_NOPERM;
}

int
agent_assignable(const struct config *c, const char *name)
{
	size_t	 i;

	for (i = 0; i < c->nqueues; i++)
		if (strcmp(c->queues[i], name) == 0)
			return 1;
	if (c->nagents == 0)
		return 1;
	return find_agent(c, name) != NULL;
}
