/*
 * mask.c: personal data as shown to whoever is reading — phone
 * 138****5678, ID card 110101********1234, name 张** — so a listing on a
 * shared screen or in a pasted report does not leak a customer.
 */
#include <string.h>

#include "cs.h"

/* Keep `head` characters and `tail` characters, '*' for the rest. */
static void
mask_middle(const char *s, size_t head, size_t tail, char *buf, size_t len)
{
	size_t	 n = strlen(s), i, o = 0;

	if (len == 0)
		return;
	for (i = 0; i < n && o + 1 < len; i++)
		buf[o++] = (n > head + tail && (i < head || i >= n - tail)) ?
		    s[i] : '*';
	buf[o] = '\0';
}

void
mask_phone(const char *phone, char *buf, size_t len)
{
	mask_middle(phone, 3, 4, buf, len);
}

void
mask_idcard(const char *id, char *buf, size_t len)
{
	mask_middle(id, 6, 4, buf, len);
}

void
mask_name(const char *name, char *buf, size_t len)
{
	size_t		 n = strlen(name), l, o;
	uint32_t	 cp;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (n == 0)
		return;
	if ((l = utf8_decode(name, n, &cp)) == 0)
		l = 1;
	if (l + 1 > len)
		return;
	memcpy(buf, name, l);
	o = l;
	name += l;
	n -= l;
	while (n > 0 && o + 1 < len) {
		if ((l = utf8_decode(name, n, &cp)) == 0)
			l = 1;
		buf[o++] = '*';
		name += l;
		n -= l;
	}
	buf[o] = '\0';
}

int
phone_valid(const char *s)
{
	size_t	 i;

	for (i = 0; s[i] != '\0'; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return i == 11 && s[0] == '1';
}
