/*
 * utf8.c: UTF-8 validation and terminal display width.  The width is
 * glibc's wcwidth(3) under its built-in C.UTF-8 locale, taken for this
 * alone (uselocale(3), the process's own locale untouched): glibc's
 * tables follow each Unicode release (EastAsianWidth, emoji presentation)
 * and are what the terminals and less(1) on the same machine count with,
 * where a table of our own drifted from them (10,169 code points apart,
 * emoji among them).  glibc has built C.UTF-8 in since 2.35, so no
 * installed locale is needed.
 */
#include <locale.h>
#include <string.h>
#include <wchar.h>

#include "text.h"

size_t
utf8_decode(const char *s, size_t n, uint32_t *cp)
{
	const unsigned char	*u = (const unsigned char *)s;
	uint32_t		 c;
	size_t			 len, i;

	if (n == 0)
		return 0;
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	/* 0xc0 and 0xc1 could only begin overlong forms; 0xf5 and up, none. */
	if (u[0] >= 0xc2 && u[0] <= 0xdf) {
		len = 2;
		c = u[0] & 0x1f;
	} else if (u[0] >= 0xe0 && u[0] <= 0xef) {
		len = 3;
		c = u[0] & 0x0f;
	} else if (u[0] >= 0xf0 && u[0] <= 0xf4) {
		len = 4;
		c = u[0] & 0x07;
	} else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((u[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (u[i] & 0x3f);
	}
	/* Overlong forms, surrogates and beyond U+10FFFF. */
	if ((len == 3 && c < 0x800) || (len == 4 && c < 0x10000) ||
	    (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 0;
	*cp = c;
	return len;
}

int
utf8_valid(const char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 len;

	while (n > 0) {
		if ((unsigned char)*s < 0x80) {
			s++, n--;
			continue;
		}
		if ((len = utf8_decode(s, n, &cp)) == 0)
			return 0;
		s += len;
		n -= len;
	}
	return 1;
}

/* The UTF-8 locale widths are read under: built once; 0 if none. */
static locale_t
width_locale(void)
{
	static locale_t	 loc;
	static int	 tried;

	if (!tried) {
		tried = 1;
		loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", (locale_t)0);
		if (loc == (locale_t)0)
			loc = newlocale(LC_CTYPE_MASK, "en_US.UTF-8",
			    (locale_t)0);
	}
	return loc;
}

/*
 * wcwidth in the width locale; -1 (unassigned, a control: never shown
 * raw, out_text escapes controls first) counts as one column, and so
 * does everything when no UTF-8 locale could be had.
 */
static int
cpwidth(locale_t loc, uint32_t cp)
{
	int	 w;

	if (cp >= 0x20 && cp < 0x7f)
		return 1;
	if (loc == (locale_t)0)
		return 1;
	w = wcwidth((wchar_t)cp);
	return w < 0 ? 1 : w;
}

int
utf8_cpwidth(uint32_t cp)
{
	locale_t	 loc = width_locale(), old;
	int		 w;

	if (loc == (locale_t)0)
		return 1;
	old = uselocale(loc);
	w = cpwidth(loc, cp);
	uselocale(old);
	return w;
}

size_t
utf8_width(const char *s)
{
	size_t		 n = strlen(s), len, w = 0;
	uint32_t	 cp;
	locale_t	 loc, old = (locale_t)0;

	/* Printable ASCII, the common case, needs no locale. */
	for (; n > 0 && (unsigned char)*s >= 0x20 && (unsigned char)*s < 0x7f;
	    s++, n--)
		w++;
	if (n == 0)
		return w;
	if ((loc = width_locale()) != (locale_t)0)
		old = uselocale(loc);
	while (n > 0) {
		if ((len = utf8_decode(s, n, &cp)) == 0) {
			/* Never for our own text; count a stray byte as one. */
			w++;
			s++, n--;
			continue;
		}
		w += (size_t)cpwidth(loc, cp);
		s += len;
		n -= len;
	}
	if (loc != (locale_t)0)
		uselocale(old);
	return w;
}

size_t
utf8_copy(char *dst, const char *src, size_t len)
{
	size_t	 n, cut;

	n = strlcpy(dst, src, len);
	if (n < len || len == 0)
		return n;
	/* Back over continuation bytes to the start of the cut character. */
	cut = len - 1;
	while (cut > 0 && ((unsigned char)src[cut] & 0xc0) == 0x80)
		cut--;
	dst[cut] = '\0';
	return n;
}
