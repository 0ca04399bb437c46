/*
 * privilege.c: the shared desk.  Installed setgid to the desk's group,
 * a program holds the group's rights only while it opens the database:
 * staff outside the group can change the data through the programs and
 * in no other way.  Everything else (the configuration, input files,
 * templates, a notify command) runs with the user's own rights.
 *
 * In that mode the environment cannot choose the database, the
 * configuration, the agent or the clock (secure_getenv(3) ignores it),
 * and an explicit -c or -d gives the group up for good: those files are
 * opened as the user, who can then reach only what they could anyway.
 */
#include <sys/auxv.h>

#include <err.h>
#include <errno.h>
#include <unistd.h>

#include "store.h"

static int	setgid_mode = -1;	/* unknown until priv_init */
static gid_t	desk_gid;		/* the group the program runs as */

int
priv_setgid(void)
{
	return setgid_mode >= 1;
}

int
priv_init(void)
{
	if (setgid_mode != -1)
		return 0;
	/* AT_SECURE is what secure_getenv(3) itself goes by. */
	setgid_mode = getauxval(AT_SECURE) != 0 && getegid() != getgid();
	if (!setgid_mode)
		return 0;
	desk_gid = getegid();
	/* Until the database is opened, act as the user. */
	if (setegid(getgid()) == -1) {
		warn("setegid");
		return CS_SOFTWARE;
	}
	return 0;
}

int
priv_raise(void)
{
	if (setgid_mode != 1)
		return 0;
	if (setegid(desk_gid) == -1) {
		warn("setegid");
		return CS_SOFTWARE;
	}
	return 0;
}

int
priv_drop(void)
{
	gid_t	 g = getgid(), r, e, s;

	if (setgid_mode != 1)
		return 0;
	/* Real, effective and saved: the group cannot come back. */
	if (setresgid(g, g, g) == -1 || getresgid(&r, &e, &s) == -1 ||
	    r != g || e != g || s != g) {
		warn("cannot give up group %lu", (unsigned long)desk_gid);
		return CS_SOFTWARE;
	}
	setgid_mode = 2;
	return 0;
}
