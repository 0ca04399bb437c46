/*
 * diag.c: diagnostics, one line each.  err(3) and warn(3) are routed
 * here (cs.h), so a newline or carriage return inside a message, as an
 * argument quoted back may hold, is written \n or \r and never starts a
 * line that passes for another message.  Other control characters are
 * escaped by the stderr guard of out.c.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"

/* "prog: message[: strerror]\n", the message's line breaks escaped. */
static void
diag_v(int errnum, const char *fmt, va_list ap)
{
	char	 buf[1024], *big = NULL, *msg, *p;
	int	 n;
	va_list	 aq;

	fprintf(stderr, "%s", getprogname());
	if (fmt != NULL) {
		va_copy(aq, ap);
		n = vsnprintf(buf, sizeof(buf), fmt, aq);
		va_end(aq);
		msg = buf;
		/* A long message whole; cut at 1 KB only without memory. */
		if (n >= (int)sizeof(buf) &&
		    (big = malloc((size_t)n + 1)) != NULL) {
			vsnprintf(big, (size_t)n + 1, fmt, ap);
			msg = big;
		}
		fputs(": ", stderr);
		for (p = msg; n > 0 && *p != '\0'; p++) {
			if (*p == '\n')
				fputs("\\n", stderr);
			else if (*p == '\r')
				fputs("\\r", stderr);
			else
				fputc(*p, stderr);
		}
		free(big);
	}
	if (errnum >= 0)
		fprintf(stderr, ": %s", strerror(errnum));
	fputc('\n', stderr);
	fflush(stderr);
}

void
diag_warnx(const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_v(-1, fmt, ap);
	va_end(ap);
}

void
diag_warn(const char *fmt, ...)
{
	va_list	 ap;
	int	 e = errno;

	va_start(ap, fmt);
	diag_v(e, fmt, ap);
	va_end(ap);
	errno = e;
}

void
diag_errx(int status, const char *fmt, ...)
{
	va_list	 ap;

	va_start(ap, fmt);
	diag_v(-1, fmt, ap);
	va_end(ap);
	exit(status);
}

void
diag_err(int status, const char *fmt, ...)
{
	va_list	 ap;
	int	 e = errno;

	va_start(ap, fmt);
	diag_v(e, fmt, ap);
	va_end(ap);
	exit(status);
}

/* Spaces a reader does not see at either end of a value. */
static size_t
blank_at(const unsigned char *s, size_t n, int end)
{
	static const char *const blanks[] = {
		" ", "\t", "\xc2\xa0" /* U+00A0 */, "\xe3\x80\x80" /* U+3000 */,
		"\xe2\x80\x8b" /* U+200B */, "\xef\xbb\xbf" /* U+FEFF */, NULL
	};
	size_t	 k;
	int	 i;

	for (i = 0; blanks[i] != NULL; i++) {
		k = strlen(blanks[i]);
		if (n >= k && memcmp(end ? s + n - k : s, blanks[i], k) == 0)
			return k;
	}
	return 0;
}

const char *
diag_quote(const char *s, char *buf, size_t len)
{
	const unsigned char	*u = (const unsigned char *)s;
	size_t			 n = strlen(s), i, o;
	int			 plain;

	plain = n > 0 && blank_at(u, n, 0) == 0 && blank_at(u, n, 1) == 0;
	for (i = 0; plain && i < n; i++)
		if (u[i] < 0x20 || u[i] == 0x7f)
			plain = 0;
	if (plain || len < 3)
		return s;
	o = 0;
	buf[o++] = '"';
	for (i = 0; i < n && o + 5 < len; i++) {
		switch (u[i]) {
		case '\n':
			buf[o++] = '\\';
			buf[o++] = 'n';
			break;
		case '\t':
			buf[o++] = '\\';
			buf[o++] = 't';
			break;
		case '\r':
			buf[o++] = '\\';
			buf[o++] = 'r';
			break;
		case '"':
		case '\\':
			buf[o++] = '\\';
			buf[o++] = (char)u[i];
			break;
		default:
			if (u[i] < 0x20 || u[i] == 0x7f)
				o += (size_t)snprintf(buf + o, len - o,
				    "\\x%02x", u[i]);
			else
				buf[o++] = (char)u[i];
		}
	}
	buf[o++] = '"';
	buf[o] = '\0';
	return buf;
}
