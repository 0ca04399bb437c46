/*
 * utf8.c: UTF-8 validation and terminal display width.  Our own width
 * table rather than wcwidth(3), so alignment does not depend on which
 * locales a machine has installed.
 */
#include <string.h>

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

/*
 * Sorted, disjoint ranges for a binary search.  Zero: combining marks,
 * Hangul medial and final jamo (they join the initial one), zero-width
 * spaces and joiners, direction marks, variation selectors.  Wide: East
 * Asian Wide and Fullwidth, and the emoji blocks terminals draw wide.
 */
static const struct range {
	uint32_t	 lo, hi;
} zero[] = {
	{ 0x0300, 0x036f }, { 0x0483, 0x0489 }, { 0x0591, 0x05bd },
	{ 0x0610, 0x061a }, { 0x064b, 0x065f }, { 0x0e31, 0x0e31 },
	{ 0x0e34, 0x0e3a }, { 0x0e47, 0x0e4e }, { 0x1160, 0x11ff },
	{ 0x1ab0, 0x1aff }, { 0x1dc0, 0x1dff }, { 0x200b, 0x200f },
	{ 0x202a, 0x202e }, { 0x2060, 0x2064 }, { 0x20d0, 0x20ff },
	{ 0xfe00, 0xfe0f }, { 0xfe20, 0xfe2f }, { 0xfeff, 0xfeff },
	{ 0xe0100, 0xe01ef },
}, wide[] = {
	{ 0x1100, 0x115f }, { 0x231a, 0x231b }, { 0x2329, 0x232a },
	{ 0x2e80, 0x303e }, { 0x3041, 0x33ff }, { 0x3400, 0x4dbf },
	{ 0x4e00, 0x9fff }, { 0xa000, 0xa4cf }, { 0xa960, 0xa97f },
	{ 0xac00, 0xd7a3 }, { 0xf900, 0xfaff }, { 0xfe10, 0xfe19 },
	{ 0xfe30, 0xfe6f }, { 0xff00, 0xff60 }, { 0xffe0, 0xffe6 },
	{ 0x1f300, 0x1f64f }, { 0x1f900, 0x1f9ff }, { 0x20000, 0x2fffd },
	{ 0x30000, 0x3fffd },
};

static int
in(const struct range *r, size_t n, uint32_t cp)
{
	size_t	 lo = 0, hi = n, mid;

	while (lo < hi) {
		mid = (lo + hi) / 2;
		if (cp < r[mid].lo)
			hi = mid;
		else if (cp > r[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int
utf8_cpwidth(uint32_t cp)
{
	if (in(zero, sizeof(zero) / sizeof(zero[0]), cp))
		return 0;
	if (in(wide, sizeof(wide) / sizeof(wide[0]), cp))
		return 2;
	return 1;
}

size_t
utf8_width(const char *s)
{
	size_t		 n = strlen(s), len, w = 0;
	uint32_t	 cp;

	while (n > 0) {
		if ((len = utf8_decode(s, n, &cp)) == 0) {
			/* Never for our own text; count a stray byte as one. */
			w++;
			s++, n--;
			continue;
		}
		w += (size_t)utf8_cpwidth(cp);
		s += len;
		n -= len;
	}
	return w;
}
