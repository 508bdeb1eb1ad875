/* core/core.h: everything core/ offers tui/, in one include. Read the parts' headers, bottom up:
 *
 *   base/base.h          memory, errors, dates, ID numbers, text widths, the line editor, CSV
 *   store/store.h        the database, workers and access rules, code lists, the audit trail
 *   record/record.h      field tables, values checked, spreadsheets, importers, files of people
 *   registry/registry.h  residents, their facts, categories, search, approvals
 *   jobs/jobs.h          employers, job information, fairs, referrals, placements, matching
 *   training/training.h  courses, enrolments, sessions and roll calls, outcomes
 *   enterprise/enterprise.h  start-up projects, loans and their approval chain, money in fen
 *   report/report.h      the figures reported upward, report files, printouts
 *   admin/admin.h        the audit trail browsed, the demo database
 *
 * A part calls only itself and the parts above it in this list (make check proves it); the
 * storage part calls nothing above it. SQL stays inside core/: the parts above the storage part
 * reach the database through store/sql.h, which tui/ never includes. */
#ifndef JY_CORE_H
#define JY_CORE_H

#include "base/base.h"
#include "store/store.h"
#include "record/record.h"
#include "registry/registry.h"
#include "jobs/jobs.h"
#include "training/training.h"
#include "enterprise/enterprise.h"
#include "report/report.h"
#include "admin/admin.h"

#endif
