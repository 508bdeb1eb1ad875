/* core/registry/resident.c: the resident record itself: its field table (RESIDENT_FIELDS in
 * registry.h drives the struct, the SQL, the files, the history and the form, so adding a field
 * is one line there and one column in a migration), and making, copying and freeing a record.
 * Checking is in resident_check.c, storing in resident_store.c, bulk loading in resident_bulk.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "registry/registry_int.h"
const struct field_def resident_fields[RF__COUNT] = { RESIDENT_FIELDS(FIELD_DEF_ROW) };

/* What a desk fills first for a walk-in: who she is (name, ID number, with what it derives),
 * how to reach her, whose she is (community) and what she counts as (categories); then what the
 * reports and the matching read; the rarely known last. The table's own order stays the files'
 * and the page's, which offices and scripts already rely on. */
const int resident_desk_order[RF__COUNT] = {
	RF_NAME, RF_IDNO, RF_SEX, RF_BIRTH, RF_PHONE, RF_COMMUNITY, RF_CATEGORIES,
	RF_ADDRESS, RF_EDUCATION, RF_STATUS, RF_REGDATE, RF_INTENT, RF_SKILLS, RF_FORMER,
	RF_UNEMP_RSN, RF_BENEFIT, RF_DIBAO, RF_TRAINNEED,
	RF_HUKOU, RF_ETHNIC, RF_ORIGIN, RF_MARITAL, RF_HEALTH, RF_DISABILITY, RF_NOTE,
};

int resident_field_by_header(const char *header)
{
	return field_find_header(resident_fields, RF__COUNT, header);
}

int resident_field_by_col(const char *col)
{
	return field_find_col(resident_fields, RF__COUNT, col);
}

struct resident *resident_new(void)
{
	return xcalloc(1, sizeof(struct resident));
}

void resident_free(struct resident **pr)
{
	struct resident *r = *pr;
	if (!r)
		return;
	field_values_free(r->v, RF__COUNT);
	free(r->closed_at);
	free(r->close_reason);
	free(r->close_note);
	free(r->cat_end_on);
	free(r->cat_end_reason);
	free(r->created_at);
	free(r->updated_at);
	free(r->updated_by);
	free(r);
	*pr = NULL;
}

struct resident *resident_dup(const struct resident *r)
{
	struct resident *d = resident_new();
	d->id = r->id;
	d->version = r->version;
	memcpy(d->reg_no, r->reg_no, sizeof d->reg_no);
	field_values_dup(d->v, r->v, RF__COUNT);
	d->closed_at = xstrdup(r->closed_at);
	d->close_reason = xstrdup(r->close_reason);
	d->close_note = xstrdup(r->close_note);
	d->created_at = xstrdup(r->created_at);
	d->updated_at = xstrdup(r->updated_at);
	d->updated_by = xstrdup(r->updated_by);
	return d;
}

void resident_set(struct resident *r, int field, const char *value)
{
	field_value_set(&r->v[field], value);
}

const char *resident_get(const struct resident *r, int field)
{
	return field_value_get(r->v[field]);
}

/* ---- validation ---------------------------------------------------------------------------- */

