/*
 * phone_valid and the masks of personal data: a phone is accepted
 * exactly when it is 11 ASCII digits starting with 1, and then masks as
 * its first 3 and last 4 with **** between.  The masks of any text
 * (phone, name, e-mail), into a buffer of any size, stay inside it,
 * end at a whole character and hide what they promise to hide.
 *
 * Input: one byte for a buffer size, the text.
 */
#include "fuzz.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

/* Characters, a stray byte counting as one, as the masks count them. */
static size_t
nchars(const char *s)
{
	size_t	 n = strlen(s), c = 0, l;
	uint32_t cp;

	while (n > 0) {
		if ((l = utf8_decode(s, n, &cp)) == 0)
			l = 1;
		s += l, n -= l, c++;
	}
	return c;
}

typedef void mask_fn(const char *, char *, size_t);

/* fn(s) into exactly len bytes: ASan sees a write past them. */
static char *
masked(mask_fn *fn, const char *s, size_t len)
{
	char	*buf;

	if ((buf = malloc(len == 0 ? 1 : len)) == NULL)
		abort();
	buf[0] = 'Z';
	fn(s, buf, len);
	if (len == 0) {
		FUZZ_ASSERT(buf[0] == 'Z', "wrote into an empty buffer");
		return buf;
	}
	FUZZ_ASSERT(memchr(buf, '\0', len) != NULL, "mask of \"%s\" not "
	    "terminated in %zu bytes", s, len);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*s, *b, full[256];
	const char	*at;
	size_t		 len, n;
	int		 ref;

	if (size < 1)
		return 0;
	len = data[0] % 48;
	s = fuzz_cstr(data + 1, size - 1);
	n = strlen(s);
	ref = n == 11 && strspn(s, "0123456789") == 11 && s[0] == '1';
	FUZZ_ASSERT(phone_valid(s) == ref, "\"%s\": phone_valid %d", s,
	    phone_valid(s));
	if (ref) {
		mask_phone(s, full, sizeof(full));
		FUZZ_ASSERT(strlen(full) == 11 && memcmp(full, s, 3) == 0 &&
		    memcmp(full + 3, "****", 4) == 0 &&
		    strcmp(full + 7, s + 7) == 0, "\"%s\" masks as \"%s\"",
		    s, full);
	}

	/* The phone mask of anything. */
	b = masked(mask_phone, s, len);
	if (len > 0 && nchars(s) <= 7)
		FUZZ_ASSERT(strspn(b, "*") == strlen(b), "short \"%s\" masks "
		    "as \"%s\"", s, b);
	if (len > 0 && utf8_valid(s, n))
		FUZZ_ASSERT(utf8_valid(b, strlen(b)), "\"%s\" masks as "
		    "invalid UTF-8", s);
	free(b);

	/* A name keeps its first character: the rest are one * each. */
	b = masked(mask_name, s, len);
	if (len > 0 && n > 0) {
		mask_name(s, full, sizeof(full));
		if (nchars(s) < 200)
			FUZZ_ASSERT(nchars(full) == nchars(s) &&
			    strspn(full + strlen(full) - (nchars(s) - 1), "*")
			    == nchars(s) - 1, "name \"%s\" masks as \"%s\"", s,
			    full);
		FUZZ_ASSERT(strncmp(b, full, strlen(b)) == 0, "name \"%s\" "
		    "in %zu bytes: \"%s\", not a prefix of \"%s\"", s, len, b,
		    full);
	}
	free(b);

	/* An e-mail shows at most one character before the @. */
	b = masked(mask_email, s, len);
	if (len > 0 && (at = strchr(s, '@')) != NULL && at > s) {
		mask_email(s, full, sizeof(full));
		FUZZ_ASSERT(strstr(full, "***@") != NULL &&
		    nchars(full) - nchars(strstr(full, "***@")) <= 1,
		    "e-mail \"%s\" masks as \"%s\"", s, full);
	}
	free(b);
	free(s);
	return 0;
}
