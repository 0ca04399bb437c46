/*
 * id_parse and id_format: an ID that parses prints back as the same ID
 * ("T1042" as itself, a bare "1042" with its letter), and that text
 * parses to the same number; an ID of another type is refused naming
 * that type, and only when its number is a good one.
 *
 * Input: one byte for the wanted type, the text.
 */
#include "fuzz.h"

static const int types[] = {
	ID_CUSTOMER, ID_ORDER, ID_PAYMENT, ID_TICKET, ID_REFUND, ID_ESCALATION
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

/* A letter of some type, or 0. */
static int
letter(int c)
{
	size_t	 i;

	for (i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		if (types[i] == c)
			return c;
	return 0;
}

/* Digits, no leading zero, at most INT64_MAX: checked by hand. */
static int
good_number(const char *s)
{
	static const char max[] = "9223372036854775807";
	size_t	 n = strlen(s), i;

	if (n == 0 || s[0] == '0' || n > sizeof(max) - 1)
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return n < sizeof(max) - 1 || strcmp(s, max) <= 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char	*errstr, *num;
	char		*s, text[64], want[64];
	int64_t		 id, id2;
	int		 type, got, rc;

	if (size < 1)
		return 0;
	type = types[data[0] % 6];
	s = fuzz_cstr(data + 1, size - 1);
	got = letter((unsigned char)s[0]);
	num = got ? s + 1 : s;
	rc = id_parse(s, type, &id, &errstr);
	if (rc == 0) {
		FUZZ_ASSERT(errstr == NULL && id > 0, "\"%s\": id %" PRId64,
		    s, id);
		FUZZ_ASSERT(got == 0 || got == type, "\"%s\" accepted as a %s",
		    s, id_type_name(type));
		FUZZ_ASSERT(good_number(num), "\"%s\" accepted", s);
		id_format(type, id, text, sizeof(text));
		snprintf(want, sizeof(want), "%c%s", type, num);
		FUZZ_ASSERT(strcmp(text, want) == 0, "\"%s\" prints as \"%s\"",
		    s, text);
		FUZZ_ASSERT(id_parse(text, type, &id2, &errstr) == 0 &&
		    id2 == id, "\"%s\" does not parse back", text);
	} else {
		FUZZ_ASSERT(errstr != NULL, "\"%s\": refused, no reason", s);
		FUZZ_ASSERT(!good_number(num) || (got != 0 && got != type),
		    "\"%s\" refused as a %s: %s", s, id_type_name(type),
		    errstr);
		if (good_number(num))
			FUZZ_ASSERT(strstr(errstr, id_type_name(got)) != NULL,
			    "\"%s\" as a %s: \"%s\" does not name its type",
			    s, id_type_name(type), errstr);
	}
	free(s);
	return 0;
}
