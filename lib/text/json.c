/*
 * json.c: a growing JSON object, for audit details and other small
 * documents built member by member.  Strings are escaped by
 * out_json_quote, as in JSON Lines output.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* Append n bytes, keeping the text NUL-terminated. */
static void
jbuf_put(void *arg, const char *s, size_t n)
{
	struct jbuf	*j = arg;
	size_t		 cap;
	char		*p;

	if (n >= j->cap - j->len) {
		cap = j->cap;
		while (n >= cap - j->len)
			cap *= 2;
		if ((p = realloc(j->s, cap)) == NULL)
			err(CS_SOFTWARE, "audit detail");
		j->s = p;
		j->cap = cap;
	}
	memcpy(j->s + j->len, s, n);
	j->len += n;
	j->s[j->len] = '\0';
}

void
jbuf_init(struct jbuf *j)
{
	memset(j, 0, sizeof(*j));
	j->cap = 256;
	if ((j->s = malloc(j->cap)) == NULL)
		err(CS_SOFTWARE, "audit detail");
	jbuf_put(j, "{", 1);
}

static void
jbuf_key(struct jbuf *j, const char *key)
{
	if (j->n++ > 0)
		jbuf_put(j, ",", 1);
	out_json_quote(jbuf_put, j, key);
	jbuf_put(j, ":", 1);
}

void
jbuf_str(struct jbuf *j, const char *key, const char *val)
{
	jbuf_key(j, key);
	if (val == NULL)
		jbuf_put(j, "null", 4);
	else
		out_json_quote(jbuf_put, j, val);
}

void
jbuf_int(struct jbuf *j, const char *key, int64_t val)
{
	char	 num[24];
	int	 n;

	jbuf_key(j, key);
	n = snprintf(num, sizeof(num), "%lld", (long long)val);
	jbuf_put(j, num, (size_t)n);
}

void
jbuf_init_list(struct jbuf *j)
{
	jbuf_init(j);
	j->s[0] = '[';
	j->array = 1;
}

void
jbuf_add_str(struct jbuf *j, const char *val)
{
	if (j->n++ > 0)
		jbuf_put(j, ",", 1);
	out_json_quote(jbuf_put, j, val);
}

void
jbuf_add_int(struct jbuf *j, int64_t val)
{
	char	 num[24];
	int	 n;

	if (j->n++ > 0)
		jbuf_put(j, ",", 1);
	n = snprintf(num, sizeof(num), "%lld", (long long)val);
	jbuf_put(j, num, (size_t)n);
}

const char *
jbuf_end(struct jbuf *j)
{
	jbuf_put(j, j->array ? "]" : "}", 1);
	return j->s;
}

void
jbuf_free(struct jbuf *j)
{
	free(j->s);
	memset(j, 0, sizeof(*j));
}
