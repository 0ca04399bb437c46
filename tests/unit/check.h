/*
 * A minimal unit-test harness: each check prints "ok" or "not ok" with
 * its place and text, TAP style; main returns non-zero if any failed.
 * tests/run counts the lines.
 */
#ifndef CHECK_H
#define CHECK_H

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

static int check_failed;

#define CHECK(cond) do {						\
	if (cond)							\
		printf("ok - %s:%d: %s\n", __FILE__, __LINE__, #cond);	\
	else {								\
		printf("not ok - %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		check_failed = 1;					\
	}								\
} while (0)

#define CHECK_INT(got, want) do {					\
	int64_t g_ = (int64_t)(got), w_ = (int64_t)(want);		\
	if (g_ == w_)							\
		printf("ok - %s:%d: %s == %s\n", __FILE__, __LINE__,	\
		    #got, #want);					\
	else {								\
		printf("not ok - %s:%d: %s: got %" PRId64		\
		    ", want %" PRId64 "\n", __FILE__, __LINE__, #got,	\
		    g_, w_);						\
		check_failed = 1;					\
	}								\
} while (0)

#define CHECK_STR(got, want) do {					\
	const char *g_ = (got), *w_ = (want);				\
	if (g_ != NULL && w_ != NULL && strcmp(g_, w_) == 0)		\
		printf("ok - %s:%d: %s == \"%s\"\n", __FILE__, __LINE__,\
		    #got, w_);						\
	else {								\
		printf("not ok - %s:%d: %s: got \"%s\", want \"%s\"\n",	\
		    __FILE__, __LINE__, #got, g_ ? g_ : "(null)",	\
		    w_ ? w_ : "(null)");				\
		check_failed = 1;					\
	}								\
} while (0)

#define CHECK_DONE()	return check_failed

#endif /* CHECK_H */
