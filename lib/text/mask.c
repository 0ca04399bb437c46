/*
 * mask.c: personal data as shown to whoever is reading — phone
 * 138****5678, ID card 110101********1234, name 张** — so a listing on a
 * shared screen or in a pasted report does not leak a customer.
 */
#include <string.h>
#include <time.h>

#include "text.h"

/*
 * Bytes of the character at s[0..n): a stray byte counts as one
 * character, so a mask never shows more than it should.
 */
static size_t
charlen(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 l;

	if ((l = utf8_decode(s, n, &cp)) == 0)
		l = 1;
	return l;
}

static size_t
nchars(const char *s)
{
	size_t	 n = strlen(s), c = 0, l;

	for (; n > 0; c++) {
		l = charlen(s, n);
		s += l;
		n -= l;
	}
	return c;
}

/*
 * Keep `head` characters and `tail` characters, '*' for each other one;
 * with no more than head + tail characters there would be nothing left
 * to hide, so all are '*'.  A short buffer ends at a whole character.
 */
static void
mask_middle(const char *s, size_t head, size_t tail, char *buf, size_t len)
{
	size_t	 n = strlen(s), c = nchars(s), i, l, o = 0;
	int	 keep;

	if (len == 0)
		return;
	for (i = 0; n > 0; i++) {
		l = charlen(s, n);
		keep = c > head + tail && (i < head || i >= c - tail);
		if (o + (keep ? l : 1) >= len)
			break;
		if (keep) {
			memcpy(buf + o, s, l);
			o += l;
		} else
			buf[o++] = '*';
		s += l;
		n -= l;
	}
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

	if (len == 0)
		return;
	buf[0] = '\0';
	if (n == 0)
		return;
	l = charlen(name, n);
	/* A one-character name shown whole would be no mask at all. */
	if (l == n) {
		strlcpy(buf, "*", len);
		return;
	}
	if (l + 1 > len)
		return;
	memcpy(buf, name, l);
	o = l;
	name += l;
	n -= l;
	while (n > 0 && o + 1 < len) {
		l = charlen(name, n);
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

void
mask_email(const char *email, char *buf, size_t len)
{
	const char	*at = strchr(email, '@');

	/* z***@example.com: the domain says little, the name a lot. */
	if (at == NULL || at == email) {
		mask_middle(email, 0, 0, buf, len);
		return;
	}
	/* The first character whole, even when it is 张. */
	snprintf(buf, len, "%.*s***%s", (int)charlen(email,
	    (size_t)(at - email)), email, at);
}

int
idcard_valid(const char *s, const char **why)
{
	static const int	 weight[17] = {
		7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2
	};
	static const char	 check[] = "10X98765432";
	struct tm		 tm;
	int			 i, sum = 0, y, m, d;
	time_t			 t;

	if (strlen(s) != 18) {
		*why = "not 18 characters";
		return 0;
	}
	for (i = 0; i < 17; i++) {
		if (s[i] < '0' || s[i] > '9') {
			*why = "the first 17 characters are not all digits";
			return 0;
		}
		sum += (s[i] - '0') * weight[i];
	}
	/* GB 11643: the 18th character checks the other 17. */
	if (s[17] != check[sum % 11] && !(check[sum % 11] == 'X' &&
	    s[17] == 'x')) {
		*why = "wrong check digit";
		return 0;
	}
	y = (s[6] - '0') * 1000 + (s[7] - '0') * 100 + (s[8] - '0') * 10 +
	    (s[9] - '0');
	m = (s[10] - '0') * 10 + (s[11] - '0');
	d = (s[12] - '0') * 10 + (s[13] - '0');
	memset(&tm, 0, sizeof(tm));
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	t = timegm(&tm);
	/* timegm normalises 02-30 to 03-02: a real date survives as is. */
	if (y < 1900 || m < 1 || m > 12 || d < 1 || t == (time_t)-1 ||
	    gmtime_r(&t, &tm) == NULL || tm.tm_mday != d ||
	    tm.tm_mon != m - 1 || t > time(NULL)) {
		*why = "no such birth date";
		return 0;
	}
	return 1;
}
