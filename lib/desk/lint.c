/*
 * lint.c: forbidden phrases (服务忌语) must never reach a customer.  The
 * built-in list is the cloud-drive desk's training deck; cs.conf adds
 * more with `forbid`.  Matching ignores spaces and punctuation, ASCII or
 * full-width, so "你问我, 我问谁" is caught as "你问我，我问谁".
 */
#include <dlfcn.h>
#include <err.h>
#include <stdlib.h>
#include <string.h>

#include <opencc.h>

#include "desk.h"

/* The Makefile names the library as its package installed it. */
#ifndef OPENCC_SONAME
#define OPENCC_SONAME	"libopencc.so.1.1"
#endif

/*
 * "…" (or "...") in a phrase is a gap of at most LINT_GAP characters
 * (spaces and punctuation not counted) inside one sentence: "我不清楚…
 * 你找" is caught in "我不清楚，我不知道，你找XX地方问" but not in "我不
 * 清楚您的订单号。您找到发票了吗".
 */
#define LINT_GAP	8
#define LINT_PARTS	8

const char *const lint_builtin[] = {
	/* 态度傲慢、厌烦 */
	"不行就是不行", "我就这样的态度", "我态度哪里不好",
	"你问我,我问谁", "没法查,我没办法", "有意见找领导去", "要告就告去",
	"你到底想怎么样", "你有什么了不起", "你有没有搞错",
	"你这人怎么这样说话", "你怎么这么罗嗦", "你怎么这么啰嗦",
	/* 责问、训斥或反问 */
	"你到底在说什么", "你不是要查什么吗", "你到底想查什么",
	"你到底要不要查", "你到底要不要听我说", "你听不听我说",
	"你说什么", "我态度怎么样",
	/* 推诿 */
	"这不是我办理的", "我们公司就是这么规定的",
	"这不关我的事", "这不是我的错", "没这回事",
	"我没法查,我也没办法", "你自己先查清楚", "这不归我管",
	"我不清楚…你找", "我不知道…你找", "我不清楚…您找", "我不知道…您找",
	"我查不到…你拨", "我查不到…您拨", "我不清楚…你拨", "我不清楚…您拨",
	"不是我受理的",
	NULL
};

/* The end of a sentence: a gap does not reach past it. */
static int
sentence_end(uint32_t cp)
{
	return cp == '.' || cp == '!' || cp == '?' || cp == ';' ||
	    cp == '\n' || cp == 0x3002 || cp == 0xff01 || cp == 0xff1f ||
	    cp == 0xff1b || cp == 0xff0e || cp == 0xff61;
}

static int
ignorable(uint32_t cp)
{
	if (cp < 0x80)
		return cp <= '/' ||	/* controls, space and !"#$%&'()*+,-./ */
		    (cp >= ':' && cp <= '@') || (cp >= '[' && cp <= '`') ||
		    (cp >= '{' && cp <= '~') || cp == 0x7f;
	return (cp >= 0x3000 && cp <= 0x303f) ||	/* CJK punctuation */
	    (cp >= 0xff01 && cp <= 0xff0f) || (cp >= 0xff1a && cp <= 0xff20) ||
	    (cp >= 0xff3b && cp <= 0xff40) || (cp >= 0xff5b && cp <= 0xff65) ||
	    (cp >= 0x2010 && cp <= 0x2027) ||	/* dashes, quotes, … */
	    cp == 0x00a0 || cp == 0x00b7 || cp < 0xa0 ||	/* C1 controls */
	    /*
	     * Format characters a screen does not show: soft hyphen,
	     * zero-width space and joiners, word joiner, bidi marks, the
	     * invisible operators, variation selectors, BOM, tags.  One in
	     * the middle of a phrase must not hide it.
	     */
	    cp == 0x00ad || cp == 0x034f || cp == 0x061c || cp == 0x180e ||
	    (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2060 && cp <= 0x206f) || (cp >= 0xfe00 && cp <= 0xfe0f) ||
	    cp == 0xfeff || (cp >= 0xe0000 && cp <= 0xe0fff);
}

/* A gap in a phrase: "…" or "...". */
static size_t
gap_at(const char *s)
{
	if (strncmp(s, "…", strlen("…")) == 0)
		return strlen("…");
	if (strncmp(s, "...", 3) == 0)
		return 3;
	return 0;
}

/* OpenCC's C interface, from the library opened on first use. */
static opencc_t	(*cc_open)(const char *);
static char	*(*cc_convert)(opencc_t, const char *, size_t);
static void	 (*cc_free)(char *);
static const char *(*cc_error)(void);

static void *
cc_sym(void *h, const char *name)
{
	void	*f;

	if ((f = dlsym(h, name)) == NULL)
		errx(CS_UNAVAIL, "%s: %s", OPENCC_SONAME, dlerror());
	return f;
}

/*
 * Traditional characters folded to simplified with OpenCC's t2s table,
 * opened once: a phrase in 繁體 is the same phrase.  No library or table
 * is no lint, so that is the end of the program (69), not a pass.
 */
static char *
fold(const char *s, size_t n)
{
	static opencc_t	 cc;
	void		*h;
	char		*t, *d;

	if (cc == NULL) {
		if ((h = dlopen(OPENCC_SONAME, RTLD_NOW | RTLD_LOCAL)) == NULL)
			errx(CS_UNAVAIL, "%s", dlerror());
		cc_open = (opencc_t (*)(const char *))cc_sym(h, "opencc_open");
		cc_convert = (char *(*)(opencc_t, const char *, size_t))
		    cc_sym(h, "opencc_convert_utf8");
		cc_free = (void (*)(char *))cc_sym(h,
		    "opencc_convert_utf8_free");
		cc_error = (const char *(*)(void))cc_sym(h, "opencc_error");
		cc = cc_open(OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP);
		if ((intptr_t)cc == -1) {
			cc = NULL;
			errx(CS_UNAVAIL, "OpenCC %s: %s",
			    OPENCC_DEFAULT_CONFIG_TRAD_TO_SIMP, cc_error());
		}
	}
	if ((t = cc_convert(cc, s, n)) == NULL)
		errx(CS_UNAVAIL, "OpenCC: %s", cc_error());
	d = strdup(t);
	cc_free(t);
	if (d == NULL)
		err(CS_SOFTWARE, NULL);
	return d;
}

/*
 * Letters and ideographs only, ASCII and full-width letters folded to
 * lower-case ASCII, traditional to simplified; to free.  A gap in a
 * phrase (gaps set) becomes '\t', the end of a sentence in a text '\n'.
 */
static char *
normalise(const char *s, int gaps)
{
	size_t		 n = strlen(s), len, o = 0;
	uint32_t	 cp;
	char		*d, *f;

	if ((d = malloc(n + 1)) == NULL)
		err(CS_SOFTWARE, NULL);
	while (n > 0) {
		if (gaps && (len = gap_at(s)) > 0) {
			if (o > 0 && d[o - 1] != '\t')
				d[o++] = '\t';
			s += len;
			n -= len;
			continue;
		}
		if ((len = utf8_decode(s, n, &cp)) == 0)
			len = 1, cp = 0xfffd;
		if (!gaps && sentence_end(cp)) {
			if (o > 0 && d[o - 1] != '\n')
				d[o++] = '\n';
		} else if (cp >= 0xff01 && cp <= 0xff5e)	/* full-width */
			cp -= 0xff01 - 0x21;
		if (!ignorable(cp)) {
			if (cp >= 'A' && cp <= 'Z')
				d[o++] = (char)(cp - 'A' + 'a');
			else if (cp < 0x80)
				d[o++] = (char)cp;
			else if (cp == 0xfffd && len == 1)
				d[o++] = '?';
			else {
				memcpy(d + o, s, len);
				o += len;
			}
		}
		s += len;
		n -= len;
	}
	while (o > 0 && (d[o - 1] == '\t' || d[o - 1] == '\n'))
		o--;
	d[o] = '\0';
	f = fold(d, o);
	free(d);
	return f;
}

/*
 * The first place at or after s where part occurs in t, the ends of
 * sentences in t skipped (punctuation does not hide a phrase); *end is
 * set past it.  NULL if none.
 */
static const char *
find_part(const char *s, const char *part, const char **end)
{
	const char	*a, *b;

	for (; *s != '\0'; s++) {
		if (*s == '\n')
			continue;
		for (a = s, b = part; *b != '\0'; a++) {
			if (*a == '\n')
				continue;
			if (*a != *b)
				break;
			b++;
		}
		if (*b == '\0') {
			*end = a;
			return s;
		}
	}
	return NULL;
}

static size_t
nchars(const char *s, const char *end)
{
	size_t	 c = 0;

	for (; s < end; s++)
		c += ((unsigned char)*s & 0xc0) != 0x80;
	return c;
}

/* Does the normalised phrase p (parts split by '\t') occur in t? */
static int
phrase_in(const char *t, const char *p)
{
	char		 buf[1024], *part[LINT_PARTS], *w, *q;
	const char	*at, *pos, *hit, *end;
	size_t		 np = 0, k;

	if (strlcpy(buf, p, sizeof(buf)) >= sizeof(buf))
		return 0;
	for (q = buf; (w = strsep(&q, "\t")) != NULL && np < LINT_PARTS;)
		if (*w != '\0')
			part[np++] = w;
	if (np == 0)
		return 0;
	/*
	 * From each place the first part occurs, the earliest place of
	 * each next part is the best: it leaves the most room after it.
	 */
	for (at = t; (at = find_part(at, part[0], &pos)) != NULL; at++) {
		for (k = 1; k < np; k++) {
			if ((hit = find_part(pos, part[k], &end)) == NULL)
				return 0;
			if (nchars(pos, hit) > LINT_GAP ||
			    memchr(pos, '\n', (size_t)(hit - pos)) != NULL)
				break;
			pos = end;
		}
		if (k == np)
			return 1;
	}
	return 0;
}

/* The list normalised, kept while the same list is asked about. */
static char *const	*cached_list;
static size_t		 cached_n;
static char		**cached;

static void
cache_list(char *const *list, size_t n)
{
	size_t	 i;

	if (cached_list == list && cached_n == n && cached != NULL)
		return;
	for (i = 0; i < cached_n && cached != NULL; i++)
		free(cached[i]);
	free(cached);
	if ((cached = calloc(n + 1, sizeof(*cached))) == NULL)
		err(CS_SOFTWARE, NULL);
	for (i = 0; i < n; i++)
		cached[i] = normalise(list[i], 1);
	cached_list = list;
	cached_n = n;
}

const char *
lint_find(const char *text, char *const *list, size_t n)
{
	const char	*hit = NULL;
	char		*t;
	size_t		 i;

	cache_list(list, n);
	t = normalise(text, 0);
	for (i = 0; i < n && hit == NULL; i++)
		if (*cached[i] != '\0' && phrase_in(t, cached[i]))
			hit = list[i];
	free(t);
	return hit;
}

static int
kw_forbid(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	char		 phrase[1024];

	if (argc < 2) {
		conf_err(p, "usage: forbid PHRASE");
		return CS_CONFIG;
	}
	conf_join(argv, argc, 1, phrase, sizeof(phrase));
	conf_push(&c->forbidden, &c->nforbidden, phrase);
	return 0;
}

static int
kw_force_reply(struct conf_parse *p, void *ctx, int argc, char **argv)
{
	struct rules	*c = ctx;
	int		 bits;

	if (argc != 2 || (bits = role_parse(argv[1])) == -1) {
		conf_err(p, "usage: force-reply ROLE[,ROLE...]");
		return CS_CONFIG;
	}
	c->force_roles = bits;
	return 0;
}

#define FORCE_REASON_MAX	500

int
lint_force_ok(struct cs *cs, const char *reason, const char **role)
{
	size_t	 i;
	int	 rc;

	for (i = 0; role_names[i] != NULL; i++)
		if (cs->actor.roles & cs->rules.force_roles & (1 << i))
			break;
	if (role_names[i] == NULL)
		return cs_error(cs, CS_NOPERM, "-F: not permitted for %s "
		    "(force-reply in the configuration)", cs->actor.name);
	*role = role_names[i];
	if ((rc = text_ok(cs, "-F reason", reason, FORCE_REASON_MAX)) != 0)
		return rc;
	for (; *reason != '\0'; reason++)
		if (*reason != ' ' && *reason != '\t' && *reason != '\n')
			return 0;
	return cs_error(cs, CS_DATAERR, "-F: say why it is sent anyway");
}

static const struct conf_keyword forbid_keywords[] = {
	{ "forbid",		kw_forbid },
	{ "force-reply",	kw_force_reply },
	{ NULL,			NULL },
};

static void
forbid_defaults(struct rules *c)
{
	size_t	 i;

	for (i = 0; lint_builtin[i] != NULL; i++)
		conf_push(&c->forbidden, &c->nforbidden, lint_builtin[i]);
	c->force_roles = ROLE_SUPERVISOR | ROLE_MANAGER | ROLE_ADMIN;
}

/* Built-in phrases are there anyway: not repeated. */
static void
forbid_print(const struct rules *c, FILE *fp)
{
	size_t	 i, n;

	for (i = 0; lint_builtin[i] != NULL; i++)
		fprintf(fp, "# built-in: forbid %s\n", lint_builtin[i]);
	for (; i < c->nforbidden; i++)
		fprintf(fp, "forbid %s\n", c->forbidden[i]);
	fputs("force-reply ", fp);
	for (i = 0, n = 0; role_names[i] != NULL; i++)
		if (c->force_roles & (1 << i))
			fprintf(fp, "%s%s", n++ ? "," : "", role_names[i]);
	fputc('\n', fp);
}

static void
forbid_free(struct rules *c)
{
	size_t	 i;

	for (i = 0; i < c->nforbidden; i++)
		free(c->forbidden[i]);
	free(c->forbidden);
}

const struct rule_conf forbid_conf = {
	forbid_keywords, forbid_defaults, forbid_print, forbid_free
};
