/*
 * mask.c: personal data as shown to whoever is reading — phone
 * 138****5678, ID card 110101********1234, name 张** — so a listing on a
 * shared screen or in a pasted report does not leak a customer.
 */
#include <err.h>
#include <stdio.h>
#include <stdlib.h>
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

/* ---- phone and ID-card numbers inside free text ---- */

/*
 * The digit at s (ASCII or full-width, as a Chinese input method types
 * it), or -1; *len its bytes.
 */
static int
digit_at(const char *s, size_t *len)
{
	const unsigned char	*u = (const unsigned char *)s;

	if (u[0] >= '0' && u[0] <= '9') {
		*len = 1;
		return u[0] - '0';
	}
	/* U+FF10-FF19: EF BC 90-99 */
	if (u[0] == 0xef && u[1] == 0xbc && u[2] >= 0x90 && u[2] <= 0x99) {
		*len = 3;
		return u[2] - 0x90;
	}
	return -1;
}

/* A letter or digit a number would run into: no edge of a number. */
static int
word_char(const char *s)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 l;

	if ((u[0] >= 'a' && u[0] <= 'z') || (u[0] >= 'A' && u[0] <= 'Z'))
		return 1;
	/* Full-width letters: U+FF21-FF3A EF BC A1-BA, U+FF41-FF5A EF BD 81-9A. */
	if (u[0] == 0xef && ((u[1] == 0xbc && u[2] >= 0xa1 && u[2] <= 0xba) ||
	    (u[1] == 0xbd && u[2] >= 0x81 && u[2] <= 0x9a)))
		return 1;
	return digit_at(s, &l) != -1;
}

/* The character before s is no letter or digit (or s starts the text). */
static int
edge_before(const char *start, const char *s)
{
	const char	*p;

	if (s == start)
		return 1;
	/* Back to the start of the character before. */
	for (p = s - 1; p > start && ((unsigned char)*p & 0xc0) == 0x80 &&
	    s - p < 3; p--)
		;
	return !word_char(p);
}

/*
 * Digits at s in groups of the sizes in groups (0 ends them), with one
 * separator (' ' or '-', the same each time) between groups or none at
 * all; the last one may be X when last_x.  The digits (ASCII) into d,
 * and the end; 0 if s is not such a number ending at an edge.
 */
static int
number_at(const char *s, const int *groups, int last_x, char *d,
    const char **end)
{
	const char	*p;
	size_t		 l;
	int		 g, k, n, total = 0, sep, v;

	for (g = 0; groups[g] != 0; g++)
		total += groups[g];
	/* No separator, then ' ', then '-'. */
	for (sep = 0; sep < 3; sep++) {
		p = s;
		n = 0;
		for (g = 0; groups[g] != 0; g++) {
			if (g > 0 && sep != 0) {
				if (*p != (sep == 1 ? ' ' : '-'))
					break;
				p++;
			}
			for (k = 0; k < groups[g]; k++) {
				v = digit_at(p, &l);
				if (v == -1 && last_x && n == total - 1 &&
				    (*p == 'X' || *p == 'x')) {
					d[n++] = 'X';
					p++;
					continue;
				}
				if (v == -1)
					break;
				d[n++] = (char)('0' + v);
				p += l;
			}
			if (k < groups[g])
				break;
		}
		if (n == total && !word_char(p)) {
			d[n] = '\0';
			*end = p;
			return 1;
		}
		if (sep == 0 && groups[1] == 0)
			break;
	}
	return 0;
}

/* A separator between the parts of a name: a space, · or ・. */
static size_t
name_sep(const char *s)
{
	if (*s == ' ')
		return 1;
	if (strncmp(s, "\xc2\xb7", 2) == 0)
		return 2;
	if (strncmp(s, "\xe3\x83\xbb", 3) == 0)
		return 3;
	return 0;
}

/* 1 for an ASCII letter: a Latin name is a word, not part of one. */
static int
latin(const char *s)
{
	return (*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z');
}

/*
 * Does the name w[0..n) (two characters or more: one is in too many
 * words to be looked for) stand at p?  A Latin one only as a word.
 */
static int
name_at(const char *start, const char *p, const char *w, size_t n)
{
	if (charlen(w, n) >= n || strncmp(p, w, n) != 0)
		return 0;
	if (latin(w) && p > start && latin(p - 1))
		return 0;
	if (latin(w + n - 1) && latin(p + n))
		return 0;
	return 1;
}

/*
 * One of the names at p: the whole name as stored, else one of its
 * parts when it is stored in parts ("Alice Smith", "买买提·艾力"), the
 * longest first.  Its masked form into m, its length; 0 for none.
 */
static size_t
names_at(const char *start, const char *p, const char *const *names,
    int nnames, char *m, size_t mlen)
{
	const char	*w, *q;
	char		 part[256];
	size_t		 best = 0, n, k;
	int		 i;

	for (i = 0; i < nnames; i++) {
		if ((w = names[i]) == NULL)
			continue;
		n = strlen(w);
		if (n > best && name_at(start, p, w, n)) {
			best = n;
			mask_name(w, m, mlen);
			continue;
		}
		for (q = w; *q != '\0'; q += k) {
			n = 0;
			while (q[n] != '\0' && name_sep(q + n) == 0)
				n++;
			if (n == strlen(w))
				break;	/* in one part: looked at whole */
			if (n > best && n < sizeof(part) &&
			    name_at(start, p, q, n)) {
				memcpy(part, q, n);
				part[n] = '\0';
				best = n;
				mask_name(part, m, mlen);
			}
			k = n;
			if (q[k] != '\0')
				k += name_sep(q + k);
		}
	}
	return best;
}

char *
mask_text(const char *s, const char *const *names, int nnames)
{
	static const int	 phone[] = { 3, 4, 4, 0 }, phone1[] = { 11, 0 };
	static const int	 idcard[] = { 6, 8, 4, 0 }, idcard1[] = { 18, 0 };
	const char		*p = s, *done = s, *end, *at;
	char			*buf = NULL, d[24], m[256];
	size_t			 len = 0, l;
	FILE			*fp = NULL;
	int			 found;

	while (*p != '\0') {
		found = 0;
		at = p;
		if (nnames > 0 && (l = names_at(s, p, names, nnames, m,
		    sizeof(m))) > 0) {
			end = p + l;
			found = 1;
		} else if (digit_at(p, &l) != -1 && edge_before(s, p)) {
			/* +86 or 86 run into the number: the number after it. */
			if (strncmp(p, "86", 2) == 0 &&
			    (number_at(p + 2, phone1, 0, d, &end) ||
			    number_at(p + 2, phone, 0, d, &end)) &&
			    d[0] == '1' && d[1] >= '3' && d[1] <= '9')
				at = p + 2, found = 2;
			else if ((number_at(p, phone1, 0, d, &end) ||
			    number_at(p, phone, 0, d, &end)) &&
			    d[0] == '1' && d[1] >= '3' && d[1] <= '9')
				found = 2;
			else if (number_at(p, idcard1, 1, d, &end) ||
			    number_at(p, idcard, 1, d, &end))
				found = 3;
			if (found == 2)
				mask_phone(d, m, sizeof(m));
			else if (found == 3)
				mask_idcard(d, m, sizeof(m));
		}
		if (!found) {
			/* Past a whole run of digits: none starts inside. */
			if (digit_at(p, &l) != -1) {
				while (digit_at(p, &l) != -1)
					p += l;
			} else
				p += charlen(p, strlen(p));
			continue;
		}
		if (fp == NULL && (fp = open_memstream(&buf, &len)) == NULL)
			err(CS_SOFTWARE, "open_memstream");
		fwrite(done, 1, (size_t)(at - done), fp);
		fputs(m, fp);
		p = done = end;
	}
	if (fp == NULL)
		return NULL;
	fputs(done, fp);
	/* Shown unmasked is no choice: out of memory is the end. */
	if (fclose(fp) != 0)
		err(CS_SOFTWARE, "open_memstream");
	return buf;
}
