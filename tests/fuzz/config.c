/*
 * rules_load, cs.conf(5): a configuration that loads prints (with
 * rules_print, as cs-report config shows it) as a file that loads
 * again and prints the same; the zones it names are time-zone files,
 * not anything that happens to exist under /usr/share/zoneinfo.
 *
 * Input: the file, written to a temporary directory.  "include" is
 * followed only to files of that directory (the input itself, and
 * inc.conf): an input naming another path is skipped, so the fuzzer
 * does not read the machine's files or block on a device.
 */
#include <sys/stat.h>

#include <fcntl.h>

#include "fuzz.h"

static char	 dir[] = "/tmp/cs-fuzz-conf-XXXXXX";
static char	 path[64];

static void
put(const char *file, const void *data, size_t size)
{
	FILE	*fp;

	if ((fp = fopen(file, "w")) == NULL ||
	    fwrite(data, 1, size, fp) != size || fclose(fp) != 0)
		fuzz_fail("%s: cannot write", file);
}

static void
cleanup(void)
{
	char	 p[64];

	snprintf(p, sizeof(p), "%s/inc.conf", dir);
	unlink(p);
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char inc[] = "queue included\nholiday 2026-10-01 国庆节\n";
	char	 p[64];

	fuzz_init();
	unsetenv("CS_CONF");
	if (mkdtemp(dir) == NULL)
		fuzz_fail("mkdtemp %s", dir);
	snprintf(path, sizeof(path), "%s/cs.conf", dir);
	snprintf(p, sizeof(p), "%s/inc.conf", dir);
	put(p, inc, sizeof(inc) - 1);
	atexit(cleanup);
	return 0;
}

/* 1 if zone is a TZif file under /usr/share/zoneinfo. */
static int
tzfile(const char *zone)
{
	char	 p[1024], magic[4];
	int	 fd, ok;

	snprintf(p, sizeof(p), "/usr/share/zoneinfo/%s", zone);
	if ((fd = open(p, O_RDONLY | O_NONBLOCK)) == -1)
		return 0;
	ok = read(fd, magic, 4) == 4 && memcmp(magic, "TZif", 4) == 0;
	close(fd);
	return ok;
}

static char *
printed(const struct config *c, const struct rules *r)
{
	char	*buf = NULL;
	size_t	 len;
	FILE	*fp;

	if ((fp = open_memstream(&buf, &len)) == NULL)
		abort();
	rules_print(c, r, fp);
	fclose(fp);
	return buf;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config	 c, c2;
	struct rules	 r, r2;
	char		*p1, *p2;
	size_t		 i;
	int		 rc;

	if (memmem(data, size, "include", 7) != NULL &&
	    (memchr(data, '/', size) != NULL || memmem(data, size, "..", 2)))
		return 0;
	put(path, data, size);
	rc = rules_load(&c, &r, path);
	if (rc != 0) {
		FUZZ_ASSERT(rc == CS_CONFIG, "rules_load %d", rc);
		rules_free(&r);
		config_free(&c);
		return 0;
	}
	FUZZ_ASSERT(tzfile(c.timezone), "timezone \"%s\" accepted",
	    c.timezone);
	for (i = 0; i < r.ncals; i++)
		FUZZ_ASSERT(r.cals[i].tz[0] == '\0' || tzfile(r.cals[i].tz),
		    "calendar %s: zone \"%s\" accepted", r.cals[i].name,
		    r.cals[i].tz);
	p1 = printed(&c, &r);
	put(path, p1, strlen(p1));
	rc = rules_load(&c2, &r2, path);
	if (rc != 0) {
		fputs(p1, fuzz_msg);
		fuzz_fail("rules_print's output above does not load: %d", rc);
	}
	p2 = printed(&c2, &r2);
	if (strcmp(p1, p2) != 0) {
		fprintf(fuzz_msg, "first:\n%s\nagain:\n%s\n", p1, p2);
		fuzz_fail("rules_print's output loads as another config");
	}
	free(p1);
	free(p2);
	rules_free(&r);
	config_free(&c);
	rules_free(&r2);
	config_free(&c2);
	return 0;
}
