/*
 * tsv_header, as the imports use it: a header is accepted exactly when
 * every column is known, none twice and every required one there; then
 * each column maps to the one field of its name, every record read has
 * the header's field count, and tsv_get gives that field, or NULL when
 * the column is absent or the field empty.
 *
 * Input: one byte for the column set, the file.
 */
#include "fuzz.h"

/* The imports' own column lists (lib/import.c). */
static const struct {
	const struct tsv_col	*cols;
	const int		*n;
} sets[] = {
	{ import_ticket_cols, &import_ticket_ncols },
	{ import_order_cols, &import_order_ncols },
	{ import_payment_cols, &import_payment_ncols },
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	fuzz_init();
	return 0;
}

/* The field of f[0..nf) named name, or -1; -2 when there are two. */
static int
field_of(char *const *f, int nf, const char *name)
{
	int	 k, at = -1;

	for (k = 0; k < nf; k++)
		if (strcmp(f[k], name) == 0)
			at = at == -1 ? k : -2;
	return at;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct tsv_col *cols;
	const char	*v;
	struct tsv	 r, plain;
	FILE		*fp, *fp2;
	char		*copy, *copy2;
	int		 ncols, rc, want, got, got2, i, k, known, n;

	if (size < 2)
		return 0;
	cols = sets[data[0] % 3].cols;
	ncols = *sets[data[0] % 3].n;
	data++, size--;
	/* Two readers: one with the header, one reading it as a record. */
	if ((copy = malloc(size)) == NULL || (copy2 = malloc(size)) == NULL)
		abort();
	memcpy(copy, data, size);
	memcpy(copy2, data, size);
	if ((fp = fmemopen(copy, size, "r")) == NULL ||
	    (fp2 = fmemopen(copy2, size, "r")) == NULL)
		abort();
	tsv_open(&r, fp, "fuzz");
	tsv_open(&plain, fp2, "fuzz");

	rc = tsv_header(&r, cols, ncols);
	want = 0;
	if (tsv_read(&plain) != 1)
		want = CS_DATAERR;
	else {
		for (k = 0; k < plain.nf; k++) {
			for (known = 0, i = 0; i < ncols; i++)
				known |= strcmp(plain.f[k], cols[i].name) == 0;
			if (!known || field_of(plain.f, plain.nf,
			    plain.f[k]) == -2)
				want = CS_DATAERR;
		}
		for (i = 0; i < ncols; i++)
			if (cols[i].required && field_of(plain.f, plain.nf,
			    cols[i].name) == -1)
				want = CS_DATAERR;
	}
	FUZZ_ASSERT(rc == want, "tsv_header %d, want %d", rc, want);
	if (rc != 0)
		goto done;

	FUZZ_ASSERT(r.hdr_nf == plain.nf && r.ncols == ncols, "header of %d "
	    "fields has hdr_nf %d", plain.nf, r.hdr_nf);
	for (i = 0; i < ncols; i++) {
		k = field_of(plain.f, plain.nf, cols[i].name);
		FUZZ_ASSERT(r.map[i] == k, "column %s maps to %d, not %d",
		    cols[i].name, r.map[i], k);
		FUZZ_ASSERT(!cols[i].required || k >= 0, "required %s "
		    "missing", cols[i].name);
	}
	/* Each field is the column of exactly one spec. */
	for (k = 0; k < r.hdr_nf; k++) {
		for (n = 0, i = 0; i < ncols; i++)
			n += r.map[i] == k;
		FUZZ_ASSERT(n == 1, "field %d mapped %d times", k, n);
	}

	for (n = 0; n < 10000; n++) {
		got = tsv_read(&r);
		got2 = tsv_read(&plain);
		if (got2 == 1 && plain.nf != r.hdr_nf)
			got2 = -1;
		FUZZ_ASSERT(got == got2, "line %zu: %d, reading it alone %d",
		    r.lineno, got, got2);
		if (got == 0)
			break;
		if (got == -1)
			continue;
		FUZZ_ASSERT(r.nf == r.hdr_nf, "line %zu: %d fields, header "
		    "%d", r.lineno, r.nf, r.hdr_nf);
		for (i = 0; i < ncols; i++) {
			v = tsv_get(&r, i);
			k = r.map[i];
			if (k < 0 || plain.f[k][0] == '\0')
				FUZZ_ASSERT(v == NULL, "line %zu: %s is \"%s\"",
				    r.lineno, cols[i].name, v);
			else
				FUZZ_ASSERT(v != NULL && strcmp(v,
				    plain.f[k]) == 0, "line %zu: %s is \"%s\", "
				    "not \"%s\"", r.lineno, cols[i].name,
				    v ? v : "(null)", plain.f[k]);
		}
	}
	FUZZ_ASSERT(tsv_get(&r, -1) == NULL && tsv_get(&r, ncols) == NULL,
	    "tsv_get out of range");
done:
	tsv_close(&r);
	tsv_close(&plain);
	fclose(fp);
	fclose(fp2);
	free(copy);
	free(copy2);
	return 0;
}
