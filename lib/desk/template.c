/*
 * template.c: standard replies (规范用语).  A template is text with
 * placeholders — {customer} {ticket} {order} {agent} {greeting}
 * {subject} {date} {due} — filled in for one ticket, so frequent answers stay
 * accurate and consistent.  "{{" and "}}" are literal braces.  A reply's
 * own text is filled the same way, so no customer receives "{greeting}".
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "desk.h"

static const struct builtin {
	const char	*name;
	const char	*text;
} builtins[] = {
	{ "greeting", "{greeting}！这里是客服中心，请问有什么可以帮助您？" },
	/* The promise is the ticket's own deadline, never a fixed one. */
	{ "ack", "{greeting}，{customer}。您反映的问题（工单 {ticket}）"
	    "我们已经记录，会在{due}前给您答复，请您留意。" },
	{ "refund", "{greeting}，{customer}。关于订单 {order} 的退款："
	    "退款申请提交后，款项将按原支付渠道退回，一般需要1至7个工作日到账。"
	    "如有疑问请随时联系我们。" },
	{ "progress", "{greeting}，{customer}。您的工单 {ticket}"
	    "（{subject}）正在处理中，我们会继续跟进并及时告知您进展。" },
	{ "closing", "谢谢您的咨询，欢迎您再次联系我们，再见！" },
};

const char *
greeting(const struct rules *c, int64_t t)
{
	const struct calendar	*desk = cal_desk(c);
	size_t			 i;
	int32_t			 day;
	int			 minute, wday, workday = 0;

	/* The desk's day and hour, whatever the agent's TZ says. */
	if (desk != NULL)
		day = cal_local(desk, t, &minute, &wday, NULL, 0);
	else {
		day = clock_day(t);
		clock_local(t, &minute, &wday);
	}
	/* Holidays and make-up days come from the calendars (调休). */
	for (i = 0; i < c->ncals; i++) {
		if (cal_is_holiday(&c->cals[i], day))
			return c->greet_holiday;
		workday |= cal_is_workday(&c->cals[i], day);
	}
	if ((wday == 0 || wday == 6) && !workday)
		return c->greet_weekend;
	if (minute >= c->morning_from && minute < c->morning_until)
		return c->greet_morning;
	return c->greet_default;
}

/* The template's text, from the directory or the built-ins; to free. */
static int
load(struct cs *cs, const char *name, char **text)
{
	char	 path[1024];
	FILE	*fp;
	size_t	 i, n;

	if (!cs_name_ok(name))
		return cs_error(cs, CS_USAGE, "template %s: bad name "
		    "(letters, digits, '.', '-' and '_')", name);
	if (cs->rules.templates != NULL) {
		snprintf(path, sizeof(path), "%s/%s", cs->rules.templates,
		    name);
		if ((fp = fopen(path, "r")) != NULL) {
			if ((*text = malloc(CS_TEXT_MAX + 1)) == NULL) {
				fclose(fp);
				return cs_error(cs, CS_SOFTWARE, "out of memory");
			}
			n = fread(*text, 1, CS_TEXT_MAX + 1, fp);
			if (ferror(fp) || n > CS_TEXT_MAX) {
				fclose(fp);
				free(*text);
				return cs_error(cs, CS_DATAERR, "%s: %s", path,
				    n > CS_TEXT_MAX ? "template too long" :
				    "read error");
			}
			fclose(fp);
			(*text)[n] = '\0';
			/* One trailing newline is the file's, not the reply's. */
			if (n > 0 && (*text)[n - 1] == '\n')
				(*text)[n - 1] = '\0';
			if (!utf8_valid(*text, strlen(*text))) {
				free(*text);
				return cs_error(cs, CS_DATAERR,
				    "%s: invalid UTF-8", path);
			}
			return 0;
		}
		if (errno != ENOENT)
			return cs_error(cs, CS_NOINPUT, "%s: %s", path,
			    strerror(errno));
	}
	for (i = 0; i < sizeof(builtins) / sizeof(builtins[0]); i++) {
		if (strcmp(builtins[i].name, name) == 0) {
			if ((*text = strdup(builtins[i].text)) == NULL)
				return cs_error(cs, CS_SOFTWARE, "out of memory");
			return 0;
		}
	}
	return cs_error(cs, CS_NOINPUT, "template %s: not found", name);
}

/*
 * {due}: the reply promised (promise_due) until the ticket is first
 * resolved (a ticket reopened has kept that promise: its new resolution
 * clock is what is promised), else the resolution deadline, in the
 * desk's zone; the first response is due before either and is this
 * message.
 */
static const char context_sql[] =
    "SELECT c.name, o.ref, t.subject,"
    " CASE WHEN t.resolved_first_at IS NULL AND t.promise_due IS NOT NULL"
    " THEN t.promise_due ELSE t.resolve_due END FROM ticket t"
    " JOIN customer c ON c.id = t.customer_id"
    " LEFT JOIN orders o ON o.id = t.order_id WHERE t.id = $1";

/*
 * What a placeholder of the customer's own words stands for in the text
 * that is linted: U+FFFC, a character no phrase has, so the agent's
 * words on either side do not join into one across it.
 */
#define CUSTOMER_WORDS	"\xef\xbf\xbc"

int
template_fill(struct cs *cs, const char *name, const char *text,
    int64_t id, char **out, char **own)
{
	struct db_stmt	*st;
	FILE		*fp, *op = NULL;
	char		*copy = NULL, *p, *end, *buf = NULL, *obuf = NULL;
	char		 val[128];
	const char	*v, *cname, *oref, *subject;
	size_t		 len = 0, olen = 0;
	int		 rc, theirs;

	if (text == NULL && (rc = load(cs, name, &copy)) != 0)
		return rc;
	if (text != NULL && (copy = strdup(text)) == NULL)
		return cs_error(cs, CS_SOFTWARE, "out of memory");
	if ((rc = cs_get(cs, context_sql, ID_TICKET, id, &st)) != 0) {
		free(copy);
		return rc;
	}
	cname = db_col_text(st, 0);
	oref = db_col_text(st, 1);
	subject = db_col_text(st, 2);
	if ((fp = open_memstream(&buf, &len)) == NULL ||
	    (own != NULL && (op = open_memstream(&obuf, &olen)) == NULL)) {
		if (fp != NULL && fclose(fp) == 0)
			free(buf);
		db_reset(st);
		free(copy);
		return cs_error(cs, CS_SOFTWARE, "out of memory");
	}
	rc = 0;
	for (p = copy; *p != '\0'; p++) {
		/* Doubled braces are literal ones. */
		if ((p[0] == '{' && p[1] == '{') ||
		    (p[0] == '}' && p[1] == '}')) {
			fputc(*p, fp);
			if (op != NULL)
				fputc(*p, op);
			p++;
			continue;
		}
		if (*p != '{' || (end = strchr(p, '}')) == NULL) {
			fputc(*p, fp);
			if (op != NULL)
				fputc(*p, op);
			continue;
		}
		*end = '\0';
		v = NULL;
		theirs = 0;
		if (strcmp(p + 1, "customer") == 0)
			v = cname, theirs = 1;
		else if (strcmp(p + 1, "ticket") == 0) {
			id_format(ID_TICKET, id, val, sizeof(val));
			v = val;
		} else if (strcmp(p + 1, "order") == 0)
			v = oref ? oref : "", theirs = 1;
		else if (strcmp(p + 1, "agent") == 0)
			v = cs->actor.name;
		else if (strcmp(p + 1, "greeting") == 0)
			v = greeting(&cs->rules, cs->now);
		else if (strcmp(p + 1, "subject") == 0)
			v = subject, theirs = 1;
		else if (strcmp(p + 1, "date") == 0) {
			clock_format_local(cs->now, val, sizeof(val));
			val[10] = '\0';
			v = val;
		} else if (strcmp(p + 1, "due") == 0) {
			if (db_col_null(st, 3)) {
				rc = cs_error(cs, CS_DATAERR, "template %s: "
				    "T%lld has no deadline to promise {due}",
				    name, (long long)id);
				break;
			}
			if (cal_desk(&cs->rules) != NULL)
				cal_local(cal_desk(&cs->rules),
				    db_col_int(st, 3), NULL, NULL, val,
				    sizeof(val));
			else
				clock_format_local(db_col_int(st, 3), val,
				    sizeof(val));
			v = val;
		}
		if (v == NULL) {
			if (text == NULL)
				rc = cs_error(cs, CS_DATAERR, "template %s: "
				    "unknown placeholder {%s}", name, p + 1);
			else
				rc = cs_error(cs, CS_DATAERR, "%s: unknown "
				    "placeholder {%s} (a brace is {{ or }})",
				    name, p + 1);
			break;
		}
		fputs(v, fp);
		if (op != NULL)
			fputs(theirs ? CUSTOMER_WORDS : v, op);
		p = end;
	}
	db_reset(st);
	free(copy);
	if (fclose(fp) != 0 && rc == 0)
		rc = cs_error(cs, CS_SOFTWARE, "out of memory");
	if (op != NULL && fclose(op) != 0 && rc == 0)
		rc = cs_error(cs, CS_SOFTWARE, "out of memory");
	if (rc != 0) {
		free(buf);
		free(obuf);
		return rc;
	}
	*out = buf;
	if (own != NULL)
		*own = obuf;
	return 0;
}

int
template_render(struct cs *cs, const char *name, int64_t id, char **out)
{
	return template_fill(cs, name, NULL, id, out, NULL);
}

static int
kw_templates(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;

	if (argc != 2) {
		conf_err(p, "usage: templates DIRECTORY");
		return CS_CONFIG;
	}
	conf_str(&c->templates, argv[1]);
	return 0;
}

static int
kw_greeting(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	char		 text[256];
	int		 from, until;

	if (argc >= 5 && strcmp(argv[1], "morning") == 0) {
		from = cal_hhmm(argv[2]);
		until = cal_hhmm(argv[3]);
		if (from == -1 || until == -1 || from >= until) {
			conf_err(p, "greeting morning: bad hours %s %s",
			    argv[2], argv[3]);
			return CS_CONFIG;
		}
		c->morning_from = from;
		c->morning_until = until;
		conf_join(argv, argc, 4, text, sizeof(text));
		conf_str(&c->greet_morning, text);
		return 0;
	}
	if (argc >= 3) {
		conf_join(argv, argc, 2, text, sizeof(text));
		if (strcmp(argv[1], "default") == 0)
			conf_str(&c->greet_default, text);
		else if (strcmp(argv[1], "weekend") == 0)
			conf_str(&c->greet_weekend, text);
		else if (strcmp(argv[1], "holiday") == 0)
			conf_str(&c->greet_holiday, text);
		else
			goto usage;
		return 0;
	}
usage:
	conf_err(p, "usage: greeting morning HH:MM HH:MM TEXT | "
	    "greeting default|weekend|holiday TEXT");
	return CS_CONFIG;
}

static const struct conf_keyword templates_keywords[] = {
	{ "templates",	kw_templates },
	{ NULL,		NULL },
};

static void
templates_print(const struct rules *c, FILE *fp)
{
	if (c->templates != NULL)
		fprintf(fp, "templates %s\n", c->templates);
}

static void
templates_free(struct rules *c)
{
	free(c->templates);
}

/* The directory: none built in, the templates above are. */
const struct rule_conf templates_conf = {
	templates_keywords, NULL, templates_print, templates_free
};

static const struct conf_keyword greeting_keywords[] = {
	{ "greeting",	kw_greeting },
	{ NULL,		NULL },
};

static void
greeting_defaults(struct rules *c)
{
	/* 早上 is 08:30 to 12:00 in the cloud-drive deck. */
	c->morning_from = 8 * 60 + 30;
	c->morning_until = 12 * 60;
	conf_str(&c->greet_morning, "早上好");
	conf_str(&c->greet_default, "您好");
	conf_str(&c->greet_weekend, "周末好");
	conf_str(&c->greet_holiday, "节日好");
}

static void
greeting_print(const struct rules *c, FILE *fp)
{
	fprintf(fp, "greeting morning %02d:%02d %02d:%02d %s\n",
	    c->morning_from / 60, c->morning_from % 60,
	    c->morning_until / 60, c->morning_until % 60, c->greet_morning);
	fprintf(fp, "greeting default %s\n", c->greet_default);
	fprintf(fp, "greeting weekend %s\n", c->greet_weekend);
	fprintf(fp, "greeting holiday %s\n", c->greet_holiday);
}

static void
greeting_free(struct rules *c)
{
	free(c->greet_morning);
	free(c->greet_default);
	free(c->greet_weekend);
	free(c->greet_holiday);
}

const struct rule_conf greeting_conf = {
	greeting_keywords, greeting_defaults, greeting_print, greeting_free
};
