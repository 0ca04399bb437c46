/* cs.conf(5): keywords, include, defaults and FILE:LINE errors. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "check.h"

static char	 dir[] = "/tmp/cs-conf-XXXXXX";

static const char *
write_file(const char *name, const char *text)
{
	static char	 path[256];
	FILE		*fp;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	fp = fopen(path, "w");
	fputs(text, fp);
	fclose(fp);
	return path;
}

/* The test's files and directory go with it. */
static void
cleanup(void)
{
	char		 path[sizeof(dir) + sizeof(((struct dirent *)0)->d_name) + 1];
	struct dirent	*e;
	DIR		*d;

	if ((d = opendir(dir)) == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	closedir(d);
	rmdir(dir);
}

static int
load(const char *text)
{
	struct config	 c;
	struct rules	 r;
	int		 rc;

	rc = rules_load(&c, &r, write_file("t.conf", text));
	rules_free(&r);
	config_free(&c);
	return rc;
}

/* A keyword of the test's own: "colour NAME" counts into *ctx. */
static int
kw_colour(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	if (argc != 2) {
		conf_err(p, "usage: colour NAME");
		return CS_CONFIG;
	}
	(*(int *)ctx)++;
	return 0;
}

static const struct conf_keyword colour_keywords[] = {
	{ "colour",	kw_colour },
	{ NULL,		NULL },
};

int
main(void)
{
	struct config	 c;
	struct rules	 r;
	char		 path[256];

	CHECK(mkdtemp(dir) != NULL);
	atexit(cleanup);
	unsetenv("CS_CONF");

	/* Built-in defaults need no file. */
	CHECK_INT(rules_load(&c, &r, write_file("empty.conf", "")), 0);
	CHECK_STR(c.timezone, "Asia/Shanghai");
	CHECK_INT(c.agent_env, 0);
	CHECK_INT(c.nagents, 0);
	CHECK_INT(r.morning_from, 8 * 60 + 30);
	CHECK_INT(r.morning_until, 12 * 60);
	CHECK_STR(r.greet_morning, "早上好");
	CHECK(r.nforbidden > 10);
	CHECK(agent_assignable(&c, "anyone"));
	/* A point is worth a fen; arbitration is a department built in. */
	CHECK_INT(r.point_value, 1);
	CHECK(department_find(&r, "arbitration") != NULL);
	CHECK(department_find(&r, "arbitration") != NULL &&
	    department_find(&r, "arbitration")->due == 2 * 3600);
	rules_free(&r);
	config_free(&c);

	CHECK_INT(rules_load(&c, &r, write_file("points.conf",
	    "point-value 0.10\ndepartment arbitration 30m carol\n")), 0);
	CHECK_INT(r.point_value, 10);
	CHECK(department_find(&r, "arbitration") != NULL &&
	    department_find(&r, "arbitration")->due == 30 * 60 &&
	    strcmp(department_find(&r, "arbitration")->owner, "carol") == 0);
	rules_free(&r);
	config_free(&c);
	CHECK_INT(load("point-value 0\n"), CS_CONFIG);
	CHECK_INT(load("point-value 0.001\n"), CS_CONFIG);
	CHECK_INT(load("point-value 1000000.01\n"), CS_CONFIG);
	CHECK_INT(load("point-value\n"), CS_CONFIG);

	/*
	 * The desk's currency: CNY by default; amounts of the file in its
	 * minor units; built-in yuan rules keep CNY; the agent's and the
	 * supervisor's built-in limits are 0 on a desk in another.
	 */
	CHECK_INT(rules_load(&c, &r, write_file("cny.conf", "")), 0);
	CHECK_STR(c.currency, "CNY");
	CHECK_INT(r.refund_limit[0], 50000);
	CHECK_STR(fee_schedule_of(r.fees, r.nfees, "rail")->currency, "CNY");
	CHECK_STR(fee_schedule_of(r.fees, r.nfees, "goods")->currency, "CNY");
	rules_free(&r);
	config_free(&c);
	CHECK_INT(rules_load(&c, &r, write_file("jpy.conf",
	    "currency JPY\nrefund-limit agent 500\npoint-value 2\n"
	    "fee goods band 0 fixed 300\nride-cancel tokyo fee=700 "
	    "arrived-fee=1000 reserved-fee=900\n")), 0);
	CHECK_STR(c.currency, "JPY");
	CHECK_INT(r.refund_limit[0], 500);
	CHECK_INT(r.refund_limit[1], 0);
	CHECK_INT(r.refund_limit[2], -1);
	CHECK_INT(r.point_value, 2);
	CHECK_INT(fee_schedule_of(r.fees, r.nfees, "goods")->bands[0].fixed,
	    300);
	CHECK_STR(fee_schedule_of(r.fees, r.nfees, "goods")->currency, "JPY");
	CHECK_STR(fee_schedule_of(r.fees, r.nfees, "rail")->currency, "CNY");
	CHECK_INT(fee_schedule_of(r.fees, r.nfees, "rail")->minimum, 200);
	CHECK_INT(ride_rule_of(&r, "tokyo")->fee, 700);
	CHECK_STR(ride_rule_of(&r, "tokyo")->currency, "JPY");
	CHECK_STR(ride_rule_of(&r, "osaka")->currency, "CNY");
	rules_free(&r);
	config_free(&c);
	/* 12306's rail made the desk's by an amount of its own. */
	CHECK_INT(rules_load(&c, &r, write_file("rail.conf",
	    "currency JPY\nfee rail minimum 300\n")), 0);
	CHECK_STR(fee_schedule_of(r.fees, r.nfees, "rail")->currency, "JPY");
	CHECK_INT(fee_schedule_of(r.fees, r.nfees, "rail")->minimum, 300);
	CHECK_INT(fee_schedule_of(r.fees, r.nfees, "rail")->step, 1);
	rules_free(&r);
	config_free(&c);
	CHECK_INT(load("currency JPY\nfee goods band 0 fixed 5.5\n"),
	    CS_CONFIG);
	CHECK_INT(load("currency KWD\nrefund-limit agent 1.005\n"), 0);
	CHECK_INT(load("currency XYZ\n"), CS_CONFIG);
	CHECK_INT(load("currency\n"), CS_CONFIG);
	CHECK_INT(load("refund-limit agent 500\ncurrency JPY\n"), CS_CONFIG);
	CHECK_INT(load("refund-limit agent 500\ncurrency CNY\n"), 0);
	CHECK_INT(load("currency JPY\nride-cancel tokyo fee=700\n"),
	    CS_CONFIG);

	write_file("agents.conf", "agent bob role supervisor,finance\n");
	CHECK_INT(rules_load(&c, &r, write_file("main.conf",
	    "# the desk\n"
	    "timezone Asia/Shanghai   # comment after\n"
	    "agent-env yes\n"
	    "agent alice role agent\n"
	    "include agents.conf\n"
	    "queue vip-desk\n"
	    "forbid 随便你\n"
	    "greeting morning 09:00 11:30 上午好\n"
	    "unmask manager\n")), 0);
	CHECK_INT(c.agent_env, 1);
	CHECK_INT(c.nagents, 2);
	CHECK_STR(c.agents[1].name, "bob");
	CHECK_INT(c.agents[1].roles, ROLE_SUPERVISOR | ROLE_FINANCE);
	CHECK_STR(r.forbidden[r.nforbidden - 1], "随便你");
	CHECK_INT(r.morning_from, 9 * 60);
	CHECK_STR(r.greet_morning, "上午好");
	CHECK_INT(c.unmask_roles, ROLE_MANAGER);
	CHECK(agent_assignable(&c, "vip-desk"));
	CHECK(agent_assignable(&c, "tech"));
	CHECK(agent_assignable(&c, "alice"));
	CHECK(!agent_assignable(&c, "mallory"));
	rules_free(&r);
	config_free(&c);

	/* Every error is 78. */
	CHECK_INT(load("colour blue\n"), CS_CONFIG);
	CHECK_INT(load("agent alice\n"), CS_CONFIG);
	CHECK_INT(load("agent alice role wizard\n"), CS_CONFIG);
	CHECK_INT(load("agent a role agent\nagent a role agent\n"), CS_CONFIG);
	CHECK_INT(load("agent-env maybe\n"), CS_CONFIG);
	CHECK_INT(load("timezone Mars/Olympus\n"), CS_CONFIG);
	CHECK_INT(load("timezone ../../etc/passwd\n"), CS_CONFIG);
	/*
	 * Only a zone file: a directory or a table there is no zone, and
	 * tzset(3) would take it as UTC (found by tests/fuzz/config.c).
	 */
	/*
	 * A word ending in a backslash would print (config_print) at the
	 * end of a line and join the next one (found by
	 * tests/fuzz/config.c); an escaped one is fine.
	 */
	CHECK_INT(load("queue desk\\ b\n"), CS_CONFIG);
	CHECK_INT(load("forbid abc\\\tdef\n"), CS_CONFIG);
	CHECK_INT(load("forbid abc\\\\ def\n"), 0);
	CHECK_INT(load("timezone Asia\n"), CS_CONFIG);
	CHECK_INT(load("timezone .\n"), CS_CONFIG);
	CHECK_INT(load("timezone zone.tab\n"), CS_CONFIG);
	CHECK_INT(load("timezone Asia/Tokyo\n"), 0);
	CHECK_INT(load("calendar c\nzone America\n"), CS_CONFIG);
	CHECK_INT(load("calendar c\nzone America/New_York\n"), 0);
	CHECK_INT(load("greeting morning 12:00 08:30 早\n"), CS_CONFIG);
	CHECK_INT(load("greeting morning 25:00 26:00 早\n"), CS_CONFIG);
	CHECK_INT(load("include nonexistent.conf\n"), CS_CONFIG);
	CHECK_INT(load("forbid \xff\xfe\n"), CS_CONFIG);
	CHECK_INT(load("include t.conf\n"), CS_CONFIG);	/* itself, forever */
	snprintf(path, sizeof(path), "%s/missing.conf", dir);
	CHECK_INT(rules_load(&c, &r, path), CS_CONFIG);
	rules_free(&r);
	config_free(&c);

	/* Fee schedules: a file's bands replace the built-in ones. */
	CHECK_INT(rules_load(&c, &r, write_file("fee.conf",
	    "fee rail band 0 25%\n"
	    "fee rail band 15d 0%\n"
	    "fee rail band 3d 12.5%\n"
	    "fee rail rounding 1 up\n"
	    "fee rail minimum 5\n"
	    "fee rail cutoff 30m\n"
	    "fee rail edges exclusive\n"
	    "fee bike measure after-order\n"
	    "fee bike band 0 fixed 0\n"
	    "fee bike band 10m fixed 1.5\n"
	    "fee gift refund no\n")), 0);
	{
		const struct fee_schedule *f;

		f = fee_schedule_of(r.fees, r.nfees, "rail");
		CHECK(f != NULL);
		CHECK_INT(f->nbands, 3);
		CHECK_INT(f->bands[1].from, 3 * 86400);	/* sorted */
		CHECK_INT(f->bands[1].rate, 1250);
		CHECK_INT(f->bands[2].rate, 0);
		CHECK_INT(f->step, 100);
		CHECK_INT(f->rounding, FEE_UP);
		CHECK_INT(f->minimum, 500);
		CHECK_INT(f->cutoff, 1800);
		CHECK_INT(f->inclusive, 0);
		f = fee_schedule_of(r.fees, r.nfees, "bike");
		CHECK(f != NULL);
		CHECK_INT(f->measure, FEE_AFTER_ORDER);
		CHECK_INT(f->bands[1].fixed, 150);
		f = fee_schedule_of(r.fees, r.nfees, "gift");
		CHECK_INT(f->refundable, 0);
		f = fee_schedule_of(r.fees, r.nfees, "deposit");
		CHECK_INT(f->nbands, 1);		/* built-in kept */
	}
	rules_free(&r);
	config_free(&c);
	CHECK_INT(load("fee rail band 1d 5\n"), CS_CONFIG);	/* no % */
	CHECK_INT(load("fee rail band 1d 101%\n"), CS_CONFIG);
	CHECK_INT(load("fee rail band 1d -5%\n"), CS_CONFIG);
	CHECK_INT(load("fee rail band 1d 5.555%\n"), CS_CONFIG);
	CHECK_INT(load("fee rail band soon 5%\n"), CS_CONFIG);
	CHECK_INT(load("fee rail band 1d 5%\nfee rail band 24h 6%\n"),
	    CS_CONFIG);				/* two bands at one edge */
	CHECK_INT(load("fee rail rounding 0 up\n"), CS_CONFIG);
	CHECK_INT(load("fee rail rounding 0.5 sideways\n"), CS_CONFIG);
	CHECK_INT(load("fee rail minimum 2.001\n"), CS_CONFIG);
	CHECK_INT(load("fee rail colour blue\n"), CS_CONFIG);
	CHECK_INT(load("fee ../x refund no\n"), CS_CONFIG);
	CHECK_INT(load("fee rail\n"), CS_CONFIG);

	/* The effective configuration prints back in cs.conf syntax. */
	{
		char	*buf = NULL;
		size_t	 len = 0;
		FILE	*fp = open_memstream(&buf, &len);

		CHECK_INT(rules_load(&c, &r, write_file("e.conf", "")), 0);
		rules_print(&c, &r, fp);
		fclose(fp);
		CHECK(strstr(buf, "fee rail band 0 20.00%\n"
		    "fee rail band 1d 10.00%\n"
		    "fee rail band 2d 5.00%\n"
		    "fee rail band 8d 0.00%\n"
		    "fee rail minimum 2.00\n"
		    "fee rail rounding 0.50 nearest\n"
		    "fee rail cutoff departure\n") != NULL);
		/* A ride's fee is its city's rules: no fee schedule. */
		CHECK(strstr(buf, "fee ride ") == NULL);
		CHECK(strstr(buf, "ride-cancel * free=2m fee=5.00 ") != NULL);
		CHECK(strstr(buf, "fee membership refund no\n") != NULL);
		/* What it prints, it reads back the same. */
		rules_free(&r);
		config_free(&c);
		CHECK_INT(rules_load(&c, &r, write_file("again.conf", buf)), 0);
		free(buf);
		buf = NULL;
		fp = open_memstream(&buf, &len);
		rules_print(&c, &r, fp);
		fclose(fp);
		CHECK(strstr(buf, "fee rail band 8d 0.00%\n") != NULL);
		free(buf);
		rules_free(&r);
		config_free(&c);
	}

	/* The shared database: an absolute path, printed back. */
	CHECK_INT(load("database cs.db\n"), CS_CONFIG);
	CHECK_INT(load("database\n"), CS_CONFIG);
	CHECK_INT(load("database /a /b\n"), CS_CONFIG);
	{
		char	*buf = NULL;
		size_t	 len = 0;
		FILE	*fp = open_memstream(&buf, &len);

		CHECK_INT(rules_load(&c, &r, write_file("db.conf",
		    "database /var/lib/cs/cs.db\ndatabase-group cs\n")), 0);
		CHECK_STR(c.database, "/var/lib/cs/cs.db");
		rules_print(&c, &r, fp);
		fclose(fp);
		CHECK(strstr(buf, "database /var/lib/cs/cs.db\n"
		    "database-group cs\n") != NULL);
		free(buf);
		rules_free(&r);
		config_free(&c);
	}

	/*
	 * The reader alone knows the core keywords; a desk rule's is
	 * unknown to it, and another table's goes to that table, with its
	 * context, in files it includes too.
	 */
	{
		const struct conf_keyword *tables[] = { colour_keywords, NULL };
		int	 n = 0;

		CHECK_INT(config_load(&c, write_file("core.conf",
		    "queue l1\n"), NULL, NULL), 0);
		CHECK_INT((int)c.nqueues, 6);
		config_free(&c);
		CHECK_INT(config_load(&c, write_file("fee.conf",
		    "fee rail refund no\n"), NULL, NULL), CS_CONFIG);
		config_free(&c);
		write_file("colours.conf", "colour blue\n");
		CHECK_INT(config_load(&c, write_file("colour.conf",
		    "colour red\ninclude colours.conf\nqueue l1\n"), tables,
		    &n), 0);
		CHECK_INT(n, 2);
		CHECK_INT((int)c.nqueues, 6);
		config_free(&c);
		CHECK_INT(config_load(&c, write_file("colour.conf",
		    "colour\n"), tables, &n), CS_CONFIG);
		config_free(&c);
		CHECK_INT(config_load(&c, write_file("colour.conf",
		    "fee rail refund no\n"), tables, &n), CS_CONFIG);
		config_free(&c);
	}

	CHECK_INT(role_parse("agent"), ROLE_AGENT);
	CHECK_INT(role_parse("tech,admin"), ROLE_TECH | ROLE_ADMIN);
	CHECK_INT(role_parse(""), -1);
	CHECK_INT(role_parse("agent,"), -1);
	CHECK_INT(role_parse("boss"), -1);
	CHECK_DONE();
}
