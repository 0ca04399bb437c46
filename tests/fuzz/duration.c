/*
 * duration_parse and duration_format: a duration that parses is more
 * than zero and at most 100 years; it formats to the shortest text
 * ("1d12h"), which parses to the same seconds and formats the same; the
 * seconds are what the text says, summed here again.
 *
 * Input: the text.  The first eight bytes are also any int64 for
 * duration_format, whose text must parse back when it is in range.
 */
#include "fuzz.h"

#define DURATION_MAX	(100LL * 366 * 86400)

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

/* "NwNdNhNmNs" in that order, each unit at most once: the sum, or -1. */
static int64_t
reference(const char *s)
{
	static const char	 units[] = "wdhms";
	static const int64_t	 mult[] = { 604800, 86400, 3600, 60, 1 };
	const char		*u;
	int64_t			 v, total = 0;
	int			 last = -1, any = 0;

	while (*s != '\0') {
		if (*s < '0' || *s > '9')
			return -1;
		for (v = 0; *s >= '0' && *s <= '9'; s++)
			if ((v = v * 10 + (*s - '0')) > DURATION_MAX)
				return -1;
		if (*s == '\0' || (u = strchr(units, *s)) == NULL ||
		    u - units <= last)
			return -1;
		last = (int)(u - units);
		if ((total += v * mult[last]) > DURATION_MAX)
			return -1;
		any = 1;
		s++;
	}
	return any && total > 0 ? total : -1;
}

/* Parts NdNhNmNs, in order, none zero, h < 24, m and s < 60. */
static int
canonical(const char *s)
{
	static const char	 units[] = "dhms";
	static const int64_t	 lim[] = { INT64_MAX, 24, 60, 60 };
	const char		*u;
	int64_t			 v;
	int			 last = -1;

	while (*s != '\0') {
		if (*s < '1' || *s > '9')
			return 0;
		for (v = 0; *s >= '0' && *s <= '9'; s++)
			v = v * 10 + (*s - '0');
		if (*s == '\0' || (u = strchr(units, *s)) == NULL ||
		    u - units <= last || v >= lim[u - units])
			return 0;
		last = (int)(u - units);
		s++;
	}
	return last != -1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*errstr;
	char		*s, text[64], again[64];
	int64_t		 secs, secs2, any, ref;

	s = fuzz_cstr(data, size);
	ref = reference(s);
	if (duration_parse(s, &secs, &errstr) == -1) {
		FUZZ_ASSERT(errstr != NULL, "\"%s\": refused, no reason", s);
		FUZZ_ASSERT(ref == -1, "\"%s\" refused (%s); it is %" PRId64
		    " s", s, errstr, ref);
	} else {
		FUZZ_ASSERT(errstr == NULL && secs == ref, "\"%s\" is %"
		    PRId64 " s, not %" PRId64, s, secs, ref);
		FUZZ_ASSERT(secs > 0 && secs <= DURATION_MAX, "\"%s\": %"
		    PRId64 " s", s, secs);
		duration_format(secs, text, sizeof(text));
		FUZZ_ASSERT(duration_parse(text, &secs2, &errstr) == 0 &&
		    secs2 == secs, "\"%s\" (%" PRId64 " s) formats as \"%s\","
		    " which does not parse back", s, secs, text);
		duration_format(secs2, again, sizeof(again));
		FUZZ_ASSERT(strcmp(text, again) == 0, "\"%s\" then \"%s\"",
		    text, again);
		/* The shortest form: no zero part, each below the next unit. */
		FUZZ_ASSERT(canonical(text), "\"%s\" formats as \"%s\"", s,
		    text);
	}
	if (size >= 8) {
		memcpy(&any, data, sizeof(any));
		duration_format(any, text, sizeof(text));
		FUZZ_ASSERT(text[0] != '\0', "%" PRId64 " formats as nothing",
		    any);
		if (any > 0 && any <= DURATION_MAX)
			FUZZ_ASSERT(duration_parse(text, &secs2, &errstr) ==
			    0 && secs2 == any, "%" PRId64 " formats as \"%s\","
			    " which does not parse back", any, text);
	}
	free(s);
	return 0;
}
