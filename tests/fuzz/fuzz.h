/*
 * Shared by the libFuzzer harnesses in tests/fuzz/: each checks
 * properties of one parser of outside input, and a violated property is
 * a crash like any other, so libFuzzer keeps the input that shows it.
 *
 * The library reports bad input on stderr (warnx, tsv_warn); thousands
 * of those a second would slow the fuzzer down, so fuzz_init points the
 * stderr stream at /dev/null and keeps the real one for violations.
 * FUZZ_VERBOSE=1 keeps the library's messages too.  Sanitizer reports
 * write to file descriptor 2 and are not affected.
 */
#ifndef FUZZ_H
#define FUZZ_H

#include <inttypes.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"

int	 LLVMFuzzerTestOneInput(const uint8_t *, size_t);
int	 LLVMFuzzerInitialize(int *, char ***);

static FILE	*fuzz_msg;

static inline void
fuzz_init(void)
{
	const char	*v = getenv("FUZZ_VERBOSE");
	FILE		*null;
	int		 fd;

	if (fuzz_msg != NULL)
		return;
	fuzz_msg = stderr;
	if (v != NULL && *v != '\0' && strcmp(v, "0") != 0)
		return;
	if ((fd = dup(2)) == -1 || (fuzz_msg = fdopen(fd, "w")) == NULL ||
	    (null = fopen("/dev/null", "w")) == NULL) {
		fuzz_msg = stderr;
		return;
	}
	setvbuf(fuzz_msg, NULL, _IONBF, 0);
	stderr = null;
}

/* A violated property: say which and abort, so libFuzzer keeps it. */
static void fuzz_fail(const char *fmt, ...)
    __attribute__((format(printf, 1, 2), noreturn));

static inline void
fuzz_fail(const char *fmt, ...)
{
	va_list	 ap;

	fputs("PROPERTY VIOLATED: ", fuzz_msg);
	va_start(ap, fmt);
	vfprintf(fuzz_msg, fmt, ap);
	va_end(ap);
	fputc('\n', fuzz_msg);
	abort();
}

#define FUZZ_ASSERT(cond, ...) do {					\
	if (!(cond))							\
		fuzz_fail(__VA_ARGS__);					\
} while (0)

/* The input as a C string: a new copy, cut at the first NUL. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char	*s;

	if ((s = malloc(size + 1)) == NULL)
		abort();
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/*
 * Well-formed UTF-8 as RFC 3629 has it (no overlongs, surrogates or
 * code points past U+10FFFF), written here again so that a harness does
 * not take the library's word for it.
 */
static inline int
fuzz_utf8(const char *p, size_t n)
{
	const unsigned char *s = (const unsigned char *)p;
	size_t		 i = 0, k, len;
	uint32_t	 cp, min;

	while (i < n) {
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xc2 && s[i] <= 0xdf)
			len = 2, cp = s[i] & 0x1f, min = 0x80;
		else if (s[i] >= 0xe0 && s[i] <= 0xef)
			len = 3, cp = s[i] & 0x0f, min = 0x800;
		else if (s[i] >= 0xf0 && s[i] <= 0xf4)
			len = 4, cp = s[i] & 0x07, min = 0x10000;
		else
			return 0;
		if (n - i < len)
			return 0;
		for (k = 1; k < len; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += len;
	}
	return 1;
}

#endif /* FUZZ_H */
