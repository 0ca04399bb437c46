/*
 * lint.c: forbidden phrases (服务忌语) must never reach a customer.  The
 * built-in list is the cloud-drive desk's training deck; cs.conf adds
 * more with `forbid`.  Matching ignores spaces and punctuation, ASCII or
 * full-width, so "你问我, 我问谁" is caught as "你问我，我问谁".
 */
#include <stdlib.h>
#include <string.h>

#include "desk.h"

const char *const lint_builtin[] = {
	/* 态度傲慢、厌烦 */
	"不行就是不行", "我就这样的态度", "我态度哪里不好",
	"你问我,我问谁", "没法查,我没办法", "有意见找领导去", "要告就告去",
	"你到底想怎么样", "你有什么了不起", "你有没有搞错",
	"你这人怎么这样说话", "你怎么这么罗嗦",
	/* 责问、训斥或反问 */
	"你到底在说什么", "你不是要查什么吗", "你到底想查什么",
	"你到底要不要查", "你到底要不要听我说", "你听不听我说",
	/* 推诿 */
	"我不清楚,你找", "这不是我办理的", "我们公司就是这么规定的",
	"这不关我的事", "这不是我的错", "没这回事", "我查不到,你拨",
	"我没法查,我也没办法", "你自己先查清楚", "这不归我管",
	NULL
};

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
	    cp == 0x00a0 || cp == 0x00b7;
}

/* Letters and ideographs only, ASCII folded to lower case; to free. */
static char *
normalise(const char *s)
{
	size_t		 n = strlen(s), len, o = 0;
	uint32_t	 cp;
	char		*d;

	if ((d = malloc(n + 1)) == NULL)
		return NULL;
	while (n > 0) {
		if ((len = utf8_decode(s, n, &cp)) == 0)
			len = 1, cp = 0xfffd;
		if (!ignorable(cp)) {
			if (cp >= 'A' && cp <= 'Z')
				d[o++] = (char)(cp - 'A' + 'a');
			else {
				memcpy(d + o, s, len);
				o += len;
			}
		}
		s += len;
		n -= len;
	}
	d[o] = '\0';
	return d;
}

const char *
lint_find(const char *text, char *const *list, size_t n)
{
	const char	*hit = NULL;
	char		*t, *p;
	size_t		 i;

	if ((t = normalise(text)) == NULL)
		return NULL;
	for (i = 0; i < n && hit == NULL; i++) {
		if ((p = normalise(list[i])) == NULL)
			break;
		if (*p != '\0' && strstr(t, p) != NULL)
			hit = list[i];
		free(p);
	}
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

static const struct conf_keyword forbid_keywords[] = {
	{ "forbid",	kw_forbid },
	{ NULL,		NULL },
};

static void
forbid_defaults(struct rules *c)
{
	size_t	 i;

	for (i = 0; lint_builtin[i] != NULL; i++)
		conf_push(&c->forbidden, &c->nforbidden, lint_builtin[i]);
}

/* Built-in phrases are there anyway: not repeated. */
static void
forbid_print(const struct rules *c, FILE *fp)
{
	size_t	 i;

	for (i = 0; lint_builtin[i] != NULL; i++)
		fprintf(fp, "# built-in: forbid %s\n", lint_builtin[i]);
	for (; i < c->nforbidden; i++)
		fprintf(fp, "forbid %s\n", c->forbidden[i]);
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
