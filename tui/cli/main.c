/* tui/cli/main.c: jiuye's entry point. The command line (init, import, export, check, backup) and the
 * start of the full-screen program, both on the same core.
 *
 * Exit status: 0 success, 1 a user error (one line naming the file, row and field), 2 a usage
 * error. */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core.h"
#include "tui.h"

#define opts cli_opts

static const char usage_text[] = N_(
	"Usage:\n"
	"  jiuye [--db FILE] [--mono]\n"
	"      the full-screen program (--mono: no colours)\n"
	"  jiuye init [--demo] [--db FILE]\n"
	"      create a database (with the demo records)\n"
	"  jiuye import residents FILE [--dry-run] [--skip-errors]\n"
	"      import a CSV file (UTF-8 or GBK, Chinese headers)\n"
	"  jiuye export residents --purpose TEXT [--format csv|gbk|xlsx] [-o FILE]\n"
	"               [--all]\n"
	"      write the registry as an XLSX workbook, or as CSV (UTF-8 with BOM, or\n"
	"      GBK) when asked: --format csv|gbk or -o FILE.csv; the purpose\n"
	"      (上报区人社局 ...) heads the file and is recorded\n"
	"  jiuye backup DEST\n"
	"      consistent copy of the live database\n"
	"  jiuye check [--head ROW:HASH]\n"
	"      integrity, foreign keys, schema, audit trail; --head: the trail still\n"
	"      holds the head noted\n");

/* Import templates; printed after usage_text. */
static const char usage_template[] = N_(
	"  jiuye template KIND -o FILE.xlsx\n"
	"      an empty workbook to fill for jiuye import KIND: the header the import\n"
	"      reads, text columns for ID numbers and phones, drop-down lists of the\n"
	"      codes (文化程度, 人员类别, 社区 ...); KIND as for import, or units and\n"
	"      targets for jiuye unit import and jiuye target import\n");

/* After the modules' lines: the rest of the usage. */
static const char usage_tail[] = N_(
	"  jiuye --help | --version\n"
	"\n"
	"The database is --db FILE, else $JIUYE_DB, else $XDG_DATA_HOME/jiuye/jiuye.db\n"
	"(~/.local/share/jiuye/jiuye.db).\n");

/* An office server; printed before usage_tail. */
static const char usage_server[] = N_(
	"  jiuye --restricted\n"
	"      for an SSH ForceCommand: the full-screen program on the office's\n"
	"      database only, files only in the export folder\n");

/* Start-up projects and loans; printed after usage_jobs. */
static const char usage_enterprise[] = N_(
	"  jiuye project add|edit|step|show|list ...\n"
	"                                          start-up projects: idea, registered,\n"
	"                                          incubated, funded, opened, closed\n"
	"  jiuye loan add|edit|step|disburse|repay|subsidy ...\n"
	"  jiuye loan reject|withdraw|show|list|due ...\n"
	"                                          small loans: the approval chain step\n"
	"                                          by step, disbursement, repayments and\n"
	"                                          interest subsidies in yuan; due list\n"
	"  jiuye import|export projects|loans ...\n"
	"                                          with the residents' rules; files of\n"
	"                                          people (export needs --purpose TEXT)\n"
	"  jiuye import|export brokers|outlets|fees ...\n"
	"                                          来料加工 brokers, outlets, bases\n"
	"                                          and the fee ledger (a sheet of\n"
	"                                          姓名 身份证号 月份 产品 件数\n"
	"                                          加工费; --outlet CODE without\n"
	"                                          its 网点编号 column)\n");

/* Reports and the workers of a database; printed after usage_backup. */
static const char usage_reports[] = N_(
	"  jiuye report [--period 2026-11|2026-11人社|2026Q3|2026H1|2026]\n"
	"               [--from DATE --to DATE] [--by community|sex|category|age]\n"
	"               [--format text|csv|gbk|xlsx] [-o FILE]\n"
	"               [--dest file|terminal|lp|pdf|zmodem] [--compare prev|year|both]\n"
	"               [--ytd]\n"
	"      the figures of a period beside the period before (--compare year: the\n"
	"      same period of last year, 同比; both: the two), --ytd also the year to\n"
	"      date (累计); an XLSX file also lists the people behind them; --dest as\n"
	"      for print (zmodem: the file to your PC, in any format)\n"
	"  jiuye worker list | close USER\n"
	"  jiuye worker add USER --role clerk|reviewer|stats|admin [--scope UNITS]\n"
	"      the database's workers, their roles and communities (an administrator's\n"
	"      command)\n");

/* Rights cases and petitions; printed after usage_close. */
static const char usage_cases[] = N_(
	"  jiuye case add --channel C --type T --complaint TEXT\n"
	"               (--id-number ID | --name NAME [--phone P] [--community C])\n"
	"               [--respondent R] [--employer CODE] [--handler USER]\n"
	"               [--urgency U] [--date D] [--time HH:MM]\n"
	"      register a rights case or petition (维权 / 信访)\n"
	"  jiuye case show CASE_NO | list [QUERY] | due\n"
	"      a case and its steps (its handler, a reviewer or an administrator);\n"
	"      lists show type and state only; due: the fewest days left first\n"
	"  jiuye case step CASE_NO STEP [--date D] [--action A] [--outcome O]\n"
	"               [--who W] [--note TEXT] [--days N]\n"
	"      受理 不予受理 办理 答复 回访 办结 复查 延期 (or 调解 ...)\n"
	"  jiuye case link CASE_NO ID_NUMBER\n"
	"      the case of a woman who has since registered\n"
	"  jiuye print case|answer CASE_NO [-o FILE]\n"
	"               [--dest terminal|lp|pdf|zmodem|file]\n"
	"      a rights case's 登记表, or its 答复 letter (never her phone or address)\n"
	"  jiuye import cases FILE [--dry-run] [--skip-errors]\n"
	"  jiuye export cases --purpose TEXT [--format csv|gbk|xlsx] [-o FILE]\n");

/* Mentoring pairs; printed after usage_cases. */
static const char usage_pairs[] = N_(
	"  jiuye helper add --name N --type T [--phone P] [--org UNIT] [--id-number ID]\n"
	"               [--community C] | list [QUERY]\n"
	"      the helpers of mentoring pairs (巾帼文明岗, 女经纪人, 女企业家 ...)\n"
	"  jiuye pair add --type T --helper NAME|#N --id-number ID|REG_NO [--household H]\n"
	"               [--date D] [--goal G]\n"
	"      a mentoring pair (结对帮扶): 新增 its first year, then 巩固\n"
	"  jiuye pair contact|gift|end PAIR_NO [--kind K] [--note TEXT] [--amount YUAN]\n"
	"               [--reason R] [--date D]\n"
	"      a contact (走访, 电话, 帮扶活动), money or goods (现金, 物资), or 结束\n"
	"  jiuye pair show PAIR_NO | list [QUERY] | due\n"
	"      due: pairs without contact for pair.contact_days (90) days\n");
/* The organisation register; printed after usage_pairs. */
static const char usage_orgs[] = N_(
	"  jiuye org add --name N --type T --unit UNIT [--date FOUNDED]\n"
	"      a women's organisation or service post (妇代会, 妇女之家, 维权站 ...)\n"
	"  jiuye org member ORG --name N --post P [--phone P] --date ELECTED\n"
	"      --term-ends DATE     a member and her term (换届)\n"
	"  jiuye org end ORG --reason R [--date D]     dissolve it (撤销)\n"
	"  jiuye org show ORG | list [QUERY] | due [--days N]\n"
	"      due: terms ending within org.term_days (60) days\n");

/* Households; printed after usage_pairs. */
static const char usage_households[] = N_(
	"  jiuye household add HH_NO --community C [--building B] [--entrance E]\n"
	"               [--room R] [--address A]\n"
	"  jiuye household list [QUERY] | show HH_NO [--date D]\n"
	"      a household (户); show: its members then, 零就业家庭 and 夫妻双失业\n"
	"  jiuye household link HH_NO ID_NUMBER|REG_NO --relation R [--date D]\n"
	"  jiuye household unlink ID_NUMBER|REG_NO [--date D]\n"
	"      户主, 配偶, 子女, 父母 or 其他; one household at a time\n");

/* Assistance and relief; printed after usage_pairs. */
static const char usage_assist[] = N_(
	"  jiuye assistance add --kind K --id-number ID|REG_NO [--date D] [--occasion O]\n"
	"               [--amount YUAN] [--form 现金|物资] [--goods WHAT] [--funder F]\n"
	"               [--worker NAME] [--pair PAIR_NO] [--case CASE_NO]\n"
	"               [--placement #N] [--course CODE] [--note TEXT]\n"
	"      assistance and relief (四大援助, 帮困救助, 慰问, 4050就业援助)\n"
	"  jiuye assistance show NO | list [QUERY] [--kind K] [--occasion O]\n"
	"               [--from D] [--to D]\n"
	"  jiuye import assistance FILE [--dry-run] [--skip-errors]\n"
	"  jiuye export assistance --purpose TEXT [--format csv|gbk|xlsx] [-o FILE]\n");

/* Printouts; printed after usage_reports. */
static const char usage_print[] = N_(
	"  jiuye print form|slip ID_NUMBER|REG_NO [-o FILE]\n"
	"              [--dest terminal|lp|pdf|zmodem|file]\n"
	"      her registration form or slip, as text; --dest: to the printer at your PC\n"
	"      (through the terminal), the server's (lp), a PDF (-o FILE.pdf), the file\n"
	"      to your PC by ZMODEM (Xshell, SecureCRT) or a file\n"
	"  jiuye print dest [terminal|lp|pdf|zmodem|file]\n"
	"      where your printouts go, or go from now on\n");

/* Closing a resident's record and opening it again; printed after usage_reports, before
 * usage_print. */
static const char usage_close[] = N_(
	"  jiuye close resident ID --reason REASON [--date DATE] [--note TEXT]\n"
	"      close her record (注销); ID: her ID number or R-000001; REASON 迁出,\n"
	"      死亡, 重复登记, 本人要求 or 其他 (with --note); DATE the day, else today\n"
	"  jiuye reopen resident ID\n"
	"      open a closed record again (审核, 管理员)\n");

/* The year's targets and the day's due lists; printed after usage_reports. */
static const char usage_plan[] = N_(
	"  jiuye target set YEAR INDICATOR VALUE [--unit NAME]\n"
	"  jiuye target list YEAR | import FILE [--dry-run]\n"
	"                                          the year's targets (an administrator's\n"
	"                                          or a statistician's), set beside the\n"
	"                                          report's figures; a file has the\n"
	"                                          columns 年度,单位,指标,目标值\n"
	"  jiuye due [--unit NAME]                 what is due in her communities today\n");
/* Notices of postings and post subsidies; printed after usage_plan. */
static const char usage_notices[] = N_(
	"  jiuye notice add POSTING --channel CHANNEL [--date D] [--note TEXT]\n"
	"             | notice list POSTING\n"
	"                                          a posting made known: 公示, 电话通知,\n"
	"                                          入户告知, 招聘专栏 (C8)\n"
	"  jiuye subsidy set ID SUM | pay ID MONTH [SUM] [--date D] | list ID\n"
	"                                          a public-welfare post's subsidy a\n"
	"                                          month (yuan), the months paid (E4)\n"
	"  jiuye category end ID CATEGORY [--date D] [--reason TEXT]\n"
	"                                          a category she no longer holds, kept\n"
	"                                          with its dates for the reports\n"
	"  jiuye report --period 2026H1|2026 --summary [--format text|xlsx] [-o FILE]\n"
	"                                          half-year or year summary: targets,\n"
	"                                          beside last year's (同比), by month\n"
	"  jiuye certificate list ID | cancel|expire|keep ID CERT [--reason TEXT]\n"
	"                                          her certificates (明白卡: 18 months);\n"
	"                                          one cancelled, expired (--reason why),\n"
	"                                          kept (review): a reviewer's\n");
/* The office's own set-up; printed after usage_reports. */
static const char usage_office[] = N_(
	"  jiuye unit list | add NAME --level county|street|community [--parent UNIT]\n"
	"             [--code CODE] | rename UNIT NAME | move UNIT --parent UNIT|--top\n"
	"             | close UNIT | import FILE [--dry-run] | profile UNIT [--date DATE]\n"
	"             [--buildings N] [--entrances N] [--households N] [--population N]\n"
	"                                          the county, streets and communities\n"
	"                                          (changed by an administrator)\n"
	"  jiuye import residents FILE --create-units\n"
	"                                          into a database without units yet:\n"
	"                                          the communities the file names too\n"
	"  jiuye setting list | get KEY | set KEY VALUE\n"
	"                                          the settings jiuye reads, with what\n"
	"                                          each accepts (set: an administrator)\n"
	"  jiuye code list [LIST] | add LIST CODE LABEL | alias LIST CODE ALIAS\n"
	"             | retire LIST CODE           the code lists (文化程度 ...): an\n"
	"                                          office's own codes, other names and\n"
	"                                          codes no longer given\n");

/* Backups kept in generations; printed after usage_jobs. */
static const char usage_backup[] = N_(
	"  jiuye backup DEST --keep N\n"
	"      DEST a directory: a new jiuye-YYYYMMDD-HHMMSS.db in it, the newest N\n"
	"      kept; DEST a file: the N-1 copies before kept as DEST.1 (newest) ...\n"
	"      DEST.N-1\n");

/* Putting a backup back; printed after usage_backup. */
static const char usage_restore[] = N_(
	"  jiuye restore BACKUP\n"
	"      put a backup back (an administrator, nobody else in jiuye): checked\n"
	"      first, the current file kept as DB.before-restore-YYYYMMDD-HHMMSS\n");

/* The training module's files; printed after usage_text. */
static const char usage_training[] = N_(
	"  jiuye import courses|enrolments FILE [--dry-run] [--skip-errors]\n"
	"  jiuye export courses|enrolments [--format csv|gbk|xlsx] [-o FILE]\n"
	"      training courses, and enrolments by ID number and course code, with the\n"
	"      residents' import rules; enrolments need --purpose TEXT, as residents do\n");

/* The jobs module's files; printed after usage_training. */
static const char usage_jobs[] = N_(
	"  jiuye import employers|jobs|referrals FILE [--dry-run] [--skip-errors]\n"
	"  jiuye export employers|jobs|referrals [--format csv|gbk|xlsx] [-o FILE]\n"
	"      employers, job information and referrals (by ID number and posting\n"
	"      code), with the same rules; referrals need --purpose TEXT, as residents\n"
	"      do\n");

int cli_fail(const struct jy_err *err)
{
	if (err->field[0])
		fprintf(stderr, "jiuye: %s: %s\n", err->field, err->msg);
	else
		fprintf(stderr, "jiuye: %s\n", err->msg);
	return EXIT_USER;
}

void cli_import_copy(const struct import_result *res)
{
	if (res->copy[0])
		fprintf(stderr, _("jiuye: the file with each bad row's error in a first column 错误: "
		                  "%s (fix those rows there and import that file)\n"),
		        path_shown(res->copy));
}

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "jiuye: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n%s", _("Try 'jiuye --help'.\n"));
	return EXIT_USAGE;
}

/* Where an option that takes a value keeps it; NULL for any other word. */
static const char **opts_value_slot(struct opts *o, const char *a)
{
	const struct {
		const char *name;
		size_t off;
	} vals[] = {
		{ "--db", offsetof(struct opts, db) },           { "-o", offsetof(struct opts, out) },
		{ "--output", offsetof(struct opts, out) },      { "--format", offsetof(struct opts, format) },
		{ "--encoding", offsetof(struct opts, encoding) }, { "--from", offsetof(struct opts, from) },
		{ "--to", offsetof(struct opts, to) },           { "--period", offsetof(struct opts, period) },
		{ "--by", offsetof(struct opts, by) },           { "--role", offsetof(struct opts, role) },
		{ "--scope", offsetof(struct opts, scope) },     { "--name", offsetof(struct opts, name) },
		{ "--purpose", offsetof(struct opts, purpose) }, { "--compare", offsetof(struct opts, compare) },
		{ "--outlet", offsetof(struct opts, outlet) },
		{ "--head", offsetof(struct opts, head) },       { "--dest", offsetof(struct opts, dest) },
		{ "--reason", offsetof(struct opts, reason) },   { "--date", offsetof(struct opts, date) },
		{ "--note", offsetof(struct opts, note) },       { "--unit", offsetof(struct opts, unit) },
		{ "--level", offsetof(struct opts, level) },     { "--sheet", offsetof(struct opts, sheet) },
		{ "--parent", offsetof(struct opts, parent) },
		{ "--code", offsetof(struct opts, code) },
		{ "--buildings", offsetof(struct opts, buildings) },
		{ "--entrances", offsetof(struct opts, entrances) },
		{ "--households", offsetof(struct opts, households) },
		{ "--population", offsetof(struct opts, population) },
		{ "--channel", offsetof(struct opts, channel) }, { "--type", offsetof(struct opts, type) },
		{ "--id-number", offsetof(struct opts, idno) },  { "--phone", offsetof(struct opts, phone) },
		{ "--community", offsetof(struct opts, community) },
		{ "--complaint", offsetof(struct opts, complaint) },
		{ "--respondent", offsetof(struct opts, respondent) },
		{ "--employer", offsetof(struct opts, employer) }, { "--handler", offsetof(struct opts, handler) },
		{ "--urgency", offsetof(struct opts, urgency) }, { "--time", offsetof(struct opts, time) },
		{ "--action", offsetof(struct opts, action) },   { "--outcome", offsetof(struct opts, outcome) },
		{ "--who", offsetof(struct opts, who) },         { "--days", offsetof(struct opts, days) },
		{ "--helper", offsetof(struct opts, helper) },
		{ "--household", offsetof(struct opts, household) },
		{ "--goal", offsetof(struct opts, goal) },       { "--kind", offsetof(struct opts, kind) },
		{ "--amount", offsetof(struct opts, amount) },   { "--org", offsetof(struct opts, org) },
		{ "--post", offsetof(struct opts, post) },
		{ "--term-ends", offsetof(struct opts, term_ends) },
		{ "--building", offsetof(struct opts, building) },
		{ "--entrance", offsetof(struct opts, entrance) },
		{ "--room", offsetof(struct opts, room) },       { "--address", offsetof(struct opts, address) },
		{ "--relation", offsetof(struct opts, relation) },
		{ "--occasion", offsetof(struct opts, occasion) }, { "--form", offsetof(struct opts, form) },
		{ "--goods", offsetof(struct opts, goods) },     { "--funder", offsetof(struct opts, funder) },
		{ "--worker", offsetof(struct opts, worker) },   { "--pair", offsetof(struct opts, pair) },
		{ "--case", offsetof(struct opts, rcase) },
		{ "--placement", offsetof(struct opts, placement) },
		{ "--course", offsetof(struct opts, course) },
	};
	for (size_t i = 0; i < ARRAY_LEN(vals); i++)
		if (strcmp(a, vals[i].name) == 0)
			return (const char **)((char *)o + vals[i].off);
	return NULL;
}

/* Options may stand anywhere: `jiuye import residents a.csv --db x.db` and
 * `jiuye --db x.db import residents a.csv` mean the same. */
static int opts_parse(int argc, char **argv, struct opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **slot = opts_value_slot(o, a);
		if (slot) {
			if (i + 1 >= argc)
				return cli_usage_error(_("%s needs a value"), a);
			*slot = argv[++i];
		} else if (strncmp(a, "--db=", 5) == 0) {
			o->db = a + 5;
		} else if (strcmp(a, "--demo") == 0) {
			o->demo = 1;
		} else if (strcmp(a, "--dry-run") == 0) {
			o->dry_run = 1;
		} else if (strcmp(a, "--skip-errors") == 0) {
			o->skip_errors = 1;
		} else if (strcmp(a, "--all") == 0) {
			o->include_closed = 1;
		} else if (strcmp(a, "--mono") == 0) {
			o->mono = 1;
		} else if (strcmp(a, "--summary") == 0) {
			o->summary = 1;
		} else if (strcmp(a, "--ytd") == 0) {
			o->ytd = 1;
		} else if (strcmp(a, "--keep") == 0 || strncmp(a, "--keep=", 7) == 0) {
			const char *v = a[6] == '=' ? a + 7 : i + 1 < argc ? argv[++i] : NULL;
			char *end = NULL;
			long n = v ? strtol(v, &end, 10) : 0;
			if (!v || !*v || *end || n < 1 || n > 10000)
				return cli_usage_error(_("--keep takes the number of backups to keep, 1 or more: %s"),
				                       v ? v : "");
			o->keep = (int)n;
		} else if (strcmp(a, "--top") == 0) {
			o->top = 1;
		} else if (strcmp(a, "--create-units") == 0) {
			o->create_units = 1;
		} else if (strcmp(a, "--restricted") == 0) {
			o->restricted = 1;
		} else if (a[0] == '-' && a[1] != '\0' && strcmp(a, "--help") && strcmp(a, "-h") &&
		           strcmp(a, "--version")) {
			return cli_usage_error(_("unknown option %s"), a);
		} else {
			if (o->nargs == (int)ARRAY_LEN(o->args))
				return cli_usage_error(_("too many arguments at %s"), a);
			o->args[o->nargs++] = argv[i];
		}
	}
	return 0;
}

/* In a GBK or GB18030 locale the words typed on the line arrive in that set; jiuye's are UTF-8.
 * The words that are text (a purpose, a name, 登记表 …) are converted; file names stay the bytes
 * they are on disk. */
static void opts_words_utf8(struct opts *o)
{
	const char **text[] = { &o->purpose, &o->scope, &o->name, &o->role, &o->period, &o->by,
	                        &o->format, &o->encoding, &o->from, &o->to, &o->dest,
	                        &o->reason, &o->date, &o->note, &o->sheet };
	for (size_t i = 0; i < ARRAY_LEN(text); i++)
		if (*text[i])
			*text[i] = cli_word_utf8(*text[i]);
	/* import FILE, backup DEST and restore BACKUP are files; every other word is text */
	int file_at = o->nargs > 0 && (strcmp(o->args[0], "import") == 0) ? 2
	            : o->nargs > 0 && (strcmp(o->args[0], "backup") == 0 ||
	                               strcmp(o->args[0], "restore") == 0) ? 1 : -1;
	for (int i = 0; i < o->nargs; i++)
		if (i != file_at)
			o->args[i] = (char *)cli_word_utf8(o->args[i]);
}

int cli_open_db(const struct opts *o, int flags, struct jy_db **db)
{
	char *path = server_db_choice(o->db);
	struct jy_err err = { 0 };
	int rc = server_open_db(path, flags, db, &err);
	if (rc) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		free(path);
		return EXIT_USER;
	}
	free(path);
	/* db_open looked the OS user up in the worker table: nobody works here unless added. */
	const struct jy_actor *who = db_actor(*db);
	if (who->role == 0) {
		fprintf(stderr, _("jiuye: %s is not a worker of this database; an administrator adds "
		                  "workers with: jiuye worker add %s --role clerk --scope COMMUNITY\n"),
		        who->os_user, who->os_user);
		db_close(db);
		return EXIT_USER;
	}
	return 0;
}

static int cmd_init(const struct opts *o)
{
	struct jy_db *db;
	if (cli_open_db(o, DB_OPEN_CREATE, &db))
		return EXIT_USER;
	/* The first worker of a new database is its administrator (db_set_actor), so anyone else is
	 * running init on a database that was there before: an office's, where --demo would fill an
	 * empty registry with made-up people. */
	const struct jy_actor *me = db_actor(db);
	if (me->role != ROLE_ADMIN) {
		fprintf(stderr, _("jiuye: init on an existing database is for an administrator "
		                  "(管理员) only; %s's role here is %s\n"), me->os_user,
		        role_label(me->role));
		db_close(&db);
		return EXIT_USER;
	}
	int rc = 0;
	if (o->demo) {
		struct jy_err err = { 0 };
		struct jy_actor who;
		int64_t n = 0;
		if (resident_count(db, &n, &err) != JY_OK) {
			fprintf(stderr, "jiuye: %s\n", err.msg);
			rc = EXIT_USER;
		} else if (n > 0) {
			fprintf(stderr, _("jiuye: %s already holds residents; the demo records go only into a new "
			                  "database\n"), path_shown(o->db ? o->db : ""));
			rc = EXIT_USER;
		} else if (demo_load(db, &err) != JY_OK) {
			fprintf(stderr, "jiuye: %s\n", err.msg);
			rc = EXIT_USER;
		} else {
			/* now that communities exist, the worker gets one */
			db_actor_from_os(&who);
			if (db_set_actor(db, &who, &err) != JY_OK ||
			    resident_count(db, &n, &err) != JY_OK) {
				fprintf(stderr, "jiuye: %s\n", err.msg);
				rc = EXIT_USER;
			} else {
				printf(_("demo database ready: %lld residents\n"), (long long)n);
			}
		}
	} else {
		printf(_("database ready (schema %d)\n"), db_schema_version(db));
	}
	db_close(&db);
	return rc;
}

/* What `jiuye import` and `jiuye export` take, one row per kind of record. The exports of people
 * (residents, enrolments, referrals) take the purpose; the others have none. */
static int export_courses_all(struct jy_db *db, const char *path, int format, int all,
                              const char *purpose, int *rows, struct jy_err *err)
{
	(void)all, (void)purpose;
	return export_courses(db, path, format, rows, err);
}

static int export_enrolments_all(struct jy_db *db, const char *path, int format, int all,
                                 const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_enrolments(db, path, format, purpose, rows, err);
}

static int export_employers_all(struct jy_db *db, const char *path, int format, int all,
                                const char *purpose, int *rows, struct jy_err *err)
{
	(void)all, (void)purpose;
	return export_employers(db, path, format, rows, err);
}

static int export_jobs_all(struct jy_db *db, const char *path, int format, int all,
                           const char *purpose, int *rows, struct jy_err *err)
{
	(void)all, (void)purpose;
	return export_jobs(db, path, format, rows, err);
}

static int export_referrals_all(struct jy_db *db, const char *path, int format, int all,
                                const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_referrals(db, path, format, purpose, rows, err);
}

static int export_projects_all(struct jy_db *db, const char *path, int format, int all,
                               const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_projects(db, path, format, purpose, rows, err);
}

static int export_loans_all(struct jy_db *db, const char *path, int format, int all,
                            const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_loans(db, path, format, purpose, rows, err);
}

static int export_cases_all(struct jy_db *db, const char *path, int format, int all,
                            const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_cases(db, path, format, purpose, rows, err);
}

static int export_assist_all(struct jy_db *db, const char *path, int format, int all,
                             const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_assist(db, path, format, purpose, rows, err);
}

static int export_brokers_all(struct jy_db *db, const char *path, int format, int all,
                              const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_brokers(db, path, format, purpose, rows, err);
}

static int export_outlets_all(struct jy_db *db, const char *path, int format, int all,
                              const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_outlets(db, path, format, purpose, rows, err);
}

static int export_fees_all(struct jy_db *db, const char *path, int format, int all,
                           const char *purpose, int *rows, struct jy_err *err)
{
	(void)all;
	return export_fees(db, path, format, purpose, rows, err);
}

/* The outlet of a broker's fee sheet that has no 网点编号 column (--outlet), for the one import
 * this run makes. */
static const char *import_outlet;

static int import_fees_outlet(struct jy_db *db, const char *path, const char *sheet, int flags,
                              void (*report)(void *arg, const char *line), void *arg,
                              struct import_result *res, struct jy_err *err)
{
	return import_fees(db, path, sheet, import_outlet, flags, report, arg, res, err);
}

static const struct io_kind {
	const char *kind;
	int (*import)(struct jy_db *, const char *, const char *, int,
	              void (*)(void *, const char *), void *, struct import_result *,
	              struct jy_err *);
	int (*export)(struct jy_db *, const char *, int, int, const char *, int *, struct jy_err *);
	int people;             /* a file of people: --purpose, masked by role */
	int (*template)(struct jy_db *, const char *, struct jy_err *);   /* the empty workbook */
} io_kinds[] = {
	{ "residents", import_residents, export_residents, 1, template_residents },
	{ "courses", import_courses, export_courses_all, 0, template_courses },
	{ "enrolments", import_enrolments, export_enrolments_all, 1, template_enrolments },
	{ "employers", import_employers, export_employers_all, 0, template_employers },
	{ "jobs", import_jobs, export_jobs_all, 0, template_jobs },
	{ "referrals", import_referrals, export_referrals_all, 1, template_referrals },
	{ "projects", import_projects, export_projects_all, 1, template_projects },
	{ "loans", import_loans, export_loans_all, 1, template_loans },
	{ "cases", import_cases, export_cases_all, 1, template_cases },
	{ "assistance", import_assist, export_assist_all, 1, template_assist },
	{ "brokers", import_brokers, export_brokers_all, 1, template_brokers },
	{ "outlets", import_outlets, export_outlets_all, 1, template_outlets },
	{ "fees", import_fees_outlet, export_fees_all, 1, template_fees },
};

/* "exported N … to FILE", each a literal so the compiler checks its format. */
static void say_exported(const char *kind, int rows, const char *out)
{
	if (strcmp(kind, "courses") == 0)
		fprintf(stderr, _("exported %d courses to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "enrolments") == 0)
		fprintf(stderr, _("exported %d enrolments to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "employers") == 0)
		fprintf(stderr, _("exported %d employers to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "jobs") == 0)
		fprintf(stderr, _("exported %d postings to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "referrals") == 0)
		fprintf(stderr, _("exported %d referrals to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "projects") == 0)
		fprintf(stderr, _("exported %d projects to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "loans") == 0)
		fprintf(stderr, _("exported %d loans to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "cases") == 0)
		fprintf(stderr, _("exported %d cases to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "assistance") == 0)
		fprintf(stderr, _("exported %d assistance records to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "brokers") == 0)
		fprintf(stderr, _("exported %d brokers to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "outlets") == 0)
		fprintf(stderr, _("exported %d outlets to %s\n"), rows, path_shown(out));
	else if (strcmp(kind, "fees") == 0)
		fprintf(stderr, _("exported %d fee payments to %s\n"), rows, path_shown(out));
	else
		fprintf(stderr, _("exported %d residents to %s\n"), rows, path_shown(out));
}

static const struct io_kind *io_kind(const char *kind)
{
	for (size_t i = 0; i < ARRAY_LEN(io_kinds); i++)
		if (strcmp(io_kinds[i].kind, kind) == 0)
			return &io_kinds[i];
	return NULL;
}

/* Ctrl-C during an import: the progress handler reads it and cancels, nothing saved. */
static volatile sig_atomic_t import_interrupted;

static void import_on_sigint(int sig)
{
	(void)sig;
	import_interrupted = 1;
}

/* The progress of an import on a terminal's stderr: one line redrawn in place. */
struct cli_progress {
	int tty;                /* stderr is a terminal: draw */
	int width;              /* columns of the line drawn last, 0: none */
};

static void cli_progress_clear(struct cli_progress *p)
{
	if (p->width)
		fprintf(stderr, "\r%*s\r", p->width, "");
	p->width = 0;
}

/* A line of the import's report: below the progress line, which the next call draws again. */
static void cli_progress_line(void *arg, const char *line)
{
	cli_progress_clear(arg);
	fprintf(stderr, "%s\n", line);
}

static int cli_progress(void *arg, long done, long total)
{
	struct cli_progress *p = arg;
	if (p->tty) {
		char a[32], b[32], *line;
		ui_group(done, a);
		ui_group(total, b);
		line = total >= 0 ? xasprintf(_("%s / %s rows"), a, b) : xasprintf(_("%s rows"), a);
		int w = text_width(line);
		fprintf(stderr, "\r%s%*s", line, p->width > w ? p->width - w : 0, "");
		fflush(stderr);
		p->width = w > p->width ? w : p->width;
		free(line);
	}
	return import_interrupted;
}

static int cmd_import(const struct opts *o)
{
	const struct io_kind *k = o->nargs == 3 ? io_kind(o->args[1]) : NULL;
	if (!k)
		return cli_usage_error("%s", _("usage: jiuye import residents|courses|enrolments|employers|jobs|referrals|projects|loans|cases|assistance|brokers|outlets|fees FILE [--dry-run] "
		                             "[--skip-errors] [--outlet CODE]"));
	if (o->outlet && strcmp(k->kind, "fees") != 0)
		return cli_usage_error("%s", _("--outlet is for jiuye import fees: the outlet of a "
		                               "broker's sheet without 网点编号"));
	import_outlet = o->outlet;
	if (o->create_units && strcmp(k->kind, "residents") != 0)
		return cli_usage_error("%s", _("--create-units is for jiuye import residents: the "
		                               "communities its file names"));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct import_result res = { 0 };
	struct jy_err err = { 0 };
	int flags = (o->dry_run ? IMPORT_DRY_RUN : 0) | (o->skip_errors ? IMPORT_SKIP_ERRORS : 0) |
	            (o->create_units ? IMPORT_CREATE_UNITS : 0);
	struct cli_progress pg = { .tty = isatty(2) };
	struct sigaction sa = { .sa_handler = import_on_sigint }, old_sa;
	sigemptyset(&sa.sa_mask);
	import_interrupted = 0;
	sigaction(SIGINT, &sa, &old_sa);
	db_progress_set(db, 0, cli_progress, &pg);
	int rc = k->import(db, o->args[2], o->sheet, flags, cli_progress_line, &pg, &res, &err);
	db_progress_set(db, 0, NULL, NULL);
	sigaction(SIGINT, &old_sa, NULL);
	cli_progress_clear(&pg);
	struct jy_err noted = { 0 };
	int arc = audit_file(db, "import", k->kind,
	                     o->dry_run ? 0 : res.added + res.updated + res.queued, o->args[2], rc,
	                     &noted);
	db_close(&db);
	/* the import stands; that it is not in the trail is said, and fails the run */
	if (arc)
		fprintf(stderr, _("jiuye: the audit trail could not record the import: %s\n"),
		        noted.msg);
	if (rc == JY_ECANCEL) {         /* Ctrl-C: the shell's status of an interrupted command */
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return 128 + SIGINT;
	}
	/* A file refused whole (unknown column, not text …) has no rejected rows: its message says why. */
	if (rc != JY_OK && res.rejected == 0) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	const char *base = strrchr(o->args[2], '/') ? strrchr(o->args[2], '/') + 1 : o->args[2];
	const char *dry = o->dry_run ? _(" (dry run, nothing saved)") : "";
	if (res.queued)         /* only a clerk's file of residents has rows for a reviewer */
		printf(_("import %s%s: %d added, %d updated, %d unchanged, %d queued for review, "
		         "%d rejected\n"), path_shown(base), dry, res.added, res.updated, res.unchanged,
		       res.queued, res.rejected);
	else
		printf(_("import %s%s: %d added, %d updated, %d unchanged, %d rejected\n"),
		       path_shown(base), dry, res.added, res.updated, res.unchanged, res.rejected);
	cli_import_copy(&res);
	if (rc != JY_OK) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	/* --skip-errors stored the good rows, but the file was not imported whole: a script must
	 * not take that for success */
	if (res.rejected) {
		int rest = res.rows - res.rejected;
		unsigned long n = (unsigned long)res.rejected;
		if (o->dry_run)
			fprintf(stderr, dngettext("jiuye",
			        "jiuye: %s: %d bad row would be left out and the other %d imported "
			        "(dry run, nothing saved)",
			        "jiuye: %s: %d bad rows would be left out and the other %d imported "
			        "(dry run, nothing saved)", n), path_shown(base), res.rejected, rest);
		else
			fprintf(stderr, dngettext("jiuye",
			        "jiuye: %s: %d bad row was left out and the other %d imported: fix it "
			        "and import it again",
			        "jiuye: %s: %d bad rows were left out and the other %d imported: fix "
			        "them and import them again", n), path_shown(base), res.rejected, rest);
		return EXIT_USER;
	}
	return arc ? EXIT_USER : 0;
}

/* The file format an export writes: --format csv|gbk|xlsx, else the name -o gives
 * (sheet_format_of_path: 居民.xlsx a workbook, 居民.csv CSV; any other name a workbook for a file
 * of people and CSV for the rest), --encoding utf-8|gbk asking for CSV where the name does not
 * say .xlsx. A file of people to standard output is CSV only when --format or --encoding asks. -1
 * after a usage error was said. */
static int export_format(const struct io_kind *k, const struct opts *o)
{
	int format;
	if (o->format) {
		format = sheet_format_parse(o->format, NULL);
		if (format < 0)
			return cli_usage_error(_("--format %s: csv, gbk or xlsx are accepted"), o->format), -1;
	} else {
		format = sheet_format_of_path(o->out, k->people);
		if (o->encoding && sheet_format_of_path(o->out, 0) != SHEET_XLSX)
			format = SHEET_CSV;
		if (format < 0)
			return cli_usage_error(_("export %s: a file of people is written as an XLSX workbook: "
			                         "name it with -o FILE.xlsx, or ask for CSV with --format csv"),
			                       k->kind), -1;
	}
	if (o->encoding) {
		int enc = sheet_format_parse(o->encoding, NULL);
		if (enc != SHEET_CSV && enc != SHEET_CSV_GBK)
			return cli_usage_error(_("--encoding %s: utf-8 or gbk are accepted"), o->encoding), -1;
		if (format == SHEET_XLSX)
			return cli_usage_error("%s", _("--encoding is for CSV files; an XLSX workbook has none")), -1;
		format = enc == SHEET_CSV_GBK ? SHEET_CSV_GBK : format;
	}
	if (format == SHEET_XLSX && (!o->out || strcmp(o->out, "-") == 0))
		return cli_usage_error("%s", _("an XLSX workbook cannot go to standard output: name the file with -o")), -1;
	return format;
}

/* A file of people says what it is for: --purpose, one line. */
static int export_purpose(const struct io_kind *k, const struct opts *o)
{
	if (!k->people)
		return 0;
	struct jy_err err = { 0 };
	if (!o->purpose || text_is_blank(o->purpose))
		return cli_usage_error(_("export %s: a file of people needs its purpose: --purpose TEXT, e.g. "
		                         "--purpose 上报区人社局 or --purpose 推荐给用人单位"), k->kind);
	if (export_purpose_check(o->purpose, &err) != JY_OK)
		return cli_usage_error("--purpose: %s", err.msg);
	return 0;
}

static int cmd_export(const struct opts *o)
{
	const struct io_kind *k = o->nargs == 2 ? io_kind(o->args[1]) : NULL;
	if (!k)
		return cli_usage_error("%s", _("usage: jiuye export residents|courses|enrolments|employers|jobs|referrals|projects|loans|cases|assistance|brokers|outlets|fees "
		                             "[--purpose TEXT] [--format csv|gbk|xlsx] [--encoding gbk] [-o FILE] [--all]"));
	int format = export_format(k, o);
	if (format < 0 || export_purpose(k, o))
		return EXIT_USAGE;
	/* read-write: the export's row of the audit trail is written on this connection (a second
	 * one, opened after a setgid server has given up its group, could not open the file) */
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 }, aerr = { 0 };
	int rows = 0;
	const char *purpose = k->people ? o->purpose : NULL;
	cli_stdout_raw();       /* the file's bytes, in the encoding its format says */
	int rc = k->export(db, o->out, format, o->include_closed, purpose, &rows, &err);
	int masked = k->people && !access_may(db, OP_EXPORT_FULL);
	int arc = export_record(db, k->kind, o->out, rows, purpose, masked, rc, &aerr);
	db_close(&db);
	if (rc) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	if (arc) {
		/* a file no trail knows of does not leave (fail closed) */
		if (o->out && strcmp(o->out, "-") != 0)
			unlink(o->out);
		fprintf(stderr, _("jiuye: the export could not be recorded in the audit trail, so the file "
		                  "was removed: %s\n"), aerr.msg);
		return EXIT_USER;
	}
	if (o->out && strcmp(o->out, "-") != 0)
		say_exported(k->kind, rows, o->out);
	if (k->people && format != SHEET_XLSX) {
		fputs("jiuye: ", stderr);
		fprintf(stderr, _("warning: %s"), sheet_csv_people_warning());
		fputc('\n', stderr);
	}
	if (err.warn) {
		fputs("jiuye: ", stderr);
		fprintf(stderr, _("warning: %s"), err.msg);
		fputc('\n', stderr);
	}
	return 0;
}

/* jiuye template KIND -o FILE.xlsx: the empty workbook of an import. It holds nobody, so it
 * takes no purpose and leaves no row in the trail. */
/* The files imported by a command of their own (jiuye unit import, jiuye target import), whose
 * templates jiuye template writes as it does the others'. */
static const struct io_kind other_templates[] = {
	{ "units", NULL, NULL, 0, template_units },
	{ "targets", NULL, NULL, 0, template_targets },
};

static int cmd_template(const struct opts *o)
{
	const struct io_kind *k = o->nargs == 2 ? io_kind(o->args[1]) : NULL;
	for (size_t i = 0; !k && o->nargs == 2 && i < sizeof other_templates / sizeof *other_templates; i++)
		if (strcmp(o->args[1], other_templates[i].kind) == 0)
			k = &other_templates[i];
	if (!k || !k->template || !o->out || strcmp(o->out, "-") == 0)
		return cli_usage_error("%s", _("usage: jiuye template residents|courses|enrolments|employers|"
		                               "jobs|referrals|projects|loans|cases|assistance|brokers|"
		                               "outlets|fees|units|targets -o FILE.xlsx"));
	if (o->format && sheet_format_parse(o->format, NULL) != SHEET_XLSX)
		return cli_usage_error(_("--format %s: an import template is an XLSX workbook"), o->format);
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 };
	int rc = k->template(db, o->out, &err);
	db_close(&db);
	if (rc) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return rc == JY_EINVAL ? EXIT_USAGE : EXIT_USER;
	}
	if (k == &other_templates[0] || k == &other_templates[1])
		fprintf(stderr, _("import template for %s written to %s: fill it in, then jiuye %s "
		                  "import FILE\n"), k->kind, path_shown(o->out),
		        k == &other_templates[0] ? "unit" : "target");
	else
		fprintf(stderr, _("import template for %s written to %s: fill it in, then jiuye "
		                  "import %s FILE\n"), k->kind, path_shown(o->out), k->kind);
	return 0;
}

static void print_problem(void *arg, const char *problem)
{
	printf("%s\n", problem);
	(void)arg;
}

static int cmd_check(const struct opts *o)
{
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 }, herr = { 0 };
	struct history_verify v = { 0 };
	int n = db_check(db, print_problem, NULL, &v, &err);
	int held = n == 0 && o->head ? history_head_held(db, o->head, &herr) : JY_OK;
	db_close(&db);
	if (n < 0) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	if (n > 0) {
		fprintf(stderr, _("jiuye: check found %d problems\n"), n);
		return EXIT_USER;
	}
	if (held == JY_EINVAL)
		return cli_usage_error("%s", herr.msg);
	if (held != JY_OK) {
		printf("%s\n", herr.msg);
		fprintf(stderr, _("jiuye: check found %d problems\n"), 1);
		return EXIT_USER;
	}
	printf(_("check: ok (integrity, foreign keys, the schema, and the audit trail's %lld rows "
	         "with the records they account for)\n"), (long long)v.rows);
	if (o->head)
		printf(_("the audit trail still holds the head noted, %s\n"), o->head);
	/* The head of the chain, to note beside a backup: a later check --head with it tells that
	 * the newest rows were removed (what a chain alone cannot see). */
	printf(_("head of the audit trail: %lld:%.16s (note it; jiuye check --head %lld:%.16s "
	         "tells later whether the trail still holds it)\n"), (long long)v.head_seq, v.head,
	       (long long)v.head_seq, v.head);
	return 0;
}

static int cmd_backup(const struct opts *o)
{
	if (o->nargs != 2)
		return cli_usage_error("%s", _("usage: jiuye backup DEST [--keep N]"));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	/* A backup is the whole database, without masking, roles or history: whoever reads the
	 * copy has every record, so it is an administrator's (on a shared file without setgid a
	 * clerk or a statistics worker could otherwise take one). A refused attempt is audited. */
	const struct jy_actor *who = db_actor(db);
	if (who->role != ROLE_ADMIN) {
		fprintf(stderr, _("jiuye: backups (whole, unmasked copies of the database) are "
		                  "made by an administrator (管理员) only; %s's role here is %s\n"),
		        who->os_user, role_label(who->role));
		struct jy_err noted = { 0 };
		if (audit_file(db, "backup", "database", 0, o->args[1], JY_EPERM, &noted))
			fprintf(stderr, "jiuye: %s\n", noted.msg);
		db_close(&db);
		return EXIT_USER;
	}
	struct jy_err err = { 0 };
	char *written = NULL;
	int rc = backup_rotate(db, o->args[1], o->keep, &written, &err);
	/* a backup is an audited event */
	struct jy_err noted = { 0 };
	int arc = audit_file(db, "backup", "database", 0, written ? written : o->args[1], rc,
	                     &noted);
	db_close(&db);
	if (rc) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		free(written);
		return EXIT_USER;
	}
	printf(_("backup written to %s\n"), path_shown(written));
	free(written);
	if (arc) {
		fprintf(stderr, _("jiuye: the audit trail could not record the backup: %s\n"),
		        noted.msg);
		return EXIT_USER;
	}
	return 0;
}

static int cmd_restore(const struct opts *o)
{
	if (o->nargs != 2)
		return cli_usage_error("%s", _("usage: jiuye restore BACKUP [--db DB]"));
	struct jy_db *db;
	if (cli_open_db(o, 0, &db))
		return EXIT_USER;
	struct jy_err err = { 0 }, noted = { 0 };
	char *kept = NULL;
	int rc = backup_restore(&db, o->args[1], &kept, &err);
	/* nothing was put back: the refusal goes into the trail of the database that stays */
	if (rc && !kept && audit_file(db, "restore", "database", 0, o->args[1], rc, &noted))
		fprintf(stderr, "jiuye: %s\n", noted.msg);
	db_close(&db);
	if (rc && !kept) {
		fprintf(stderr, "jiuye: %s\n", err.msg);
		return EXIT_USER;
	}
	printf(_("restored %s; the database as it was is kept as %s\n"), path_shown(o->args[1]),
	       path_shown(kept));
	free(kept);
	if (rc) {
		fprintf(stderr, _("jiuye: the backup is back, but: %s\n"), err.msg);
		return EXIT_USER;
	}
	return 0;
}

static int is_dir(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* Catalogues: beside the binary in the build tree (build/locale), else in the share/ of the prefix
 * the binary was installed in (bin/../share/locale, so `make install PREFIX=…` needs no rebuild),
 * else where the build said. A setgid jiuye takes only where the build said: the path of the
 * binary is whatever name it was started by, and a hard link in a folder of the worker's beside a
 * catalogue of hers would hand the program her translations, which are printf formats. */
static void locale_init(void)
{
	char exe[PATH_MAX];
	const char *found = NULL;
	char *dir = NULL;
	ssize_t n = server_shared() ? -1 : readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			dir = xasprintf("%s/build/locale", exe);
			if (is_dir(dir))
				found = dir;
			else {
				free(dir);
				dir = xasprintf("%s/../share/locale/zh_CN/LC_MESSAGES/jiuye.mo", exe);
				if (access(dir, R_OK) == 0) {
					dir[strlen(dir) - strlen("/zh_CN/LC_MESSAGES/jiuye.mo")] = '\0';
					found = dir;
				}
			}
		}
	}
	bindtextdomain("jiuye", found ? found : JY_DATADIR "/locale");
	bind_textdomain_codeset("jiuye", "UTF-8");
	free(dir);
}

int main(int argc, char **argv)
{
	server_start();         /* a setgid jiuye gives up its group before it reads anything */
	setlocale(LC_ALL, "");
	locale_init();
	cli_charset_init();
	struct opts o = { 0 };
	int rc = opts_parse(argc, argv, &o);
	if (rc)
		return rc;
	opts_words_utf8(&o);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(_(usage_text), stdout);
			fputs(_(usage_template), stdout);
			fputs(_(usage_training), stdout);
			fputs(_(usage_jobs), stdout);
			fputs(_(usage_enterprise), stdout);
			fputs(_(usage_backup), stdout);
			fputs(_(usage_restore), stdout);
			fputs(_(usage_reports), stdout);
			fputs(_(usage_plan), stdout);
			fputs(_(usage_notices), stdout);
			fputs(_(usage_close), stdout);
			fputs(_(usage_office), stdout);
			fputs(_(usage_cases), stdout);
			fputs(_(usage_pairs), stdout);
			fputs(_(usage_orgs), stdout);
			fputs(_(usage_households), stdout);
			fputs(_(usage_assist), stdout);
			fputs(_(usage_print), stdout);
			fputs(_(usage_server), stdout);
			fputs(_(usage_tail), stdout);
			return 0;
		}
		if (strcmp(argv[i], "--version") == 0) {
			printf("jiuye %s\n", JY_VERSION);
			return 0;
		}
	}
	server_init(o.restricted);
	if ((rc = server_cli_allowed(&o)) != 0)
		return rc;
	if (o.nargs == 0) {
		struct jy_db *db;
		if (cli_open_db(&o, DB_OPEN_CREATE, &db))
			return EXIT_USER;
		char *path = server_db_choice(o.db);
		if (o.mono)
			tui_set_mono(1);
		cli_stdout_raw();       /* curses writes to the terminal and converts by itself */
		rc = tui_run(db, path);
		free(path);
		db_close(&db);
		return rc;
	}
	const char *cmd = o.args[0];
	if (strcmp(cmd, "init") == 0)
		return o.nargs == 1 ? cmd_init(&o) : cli_usage_error(_("init takes no argument: %s"), o.args[1]);
	if (strcmp(cmd, "import") == 0)
		return cmd_import(&o);
	if (strcmp(cmd, "export") == 0)
		return cmd_export(&o);
	if (strcmp(cmd, "template") == 0)
		return cmd_template(&o);
	if (strcmp(cmd, "check") == 0)
		return cmd_check(&o);
	if (strcmp(cmd, "backup") == 0)
		return cmd_backup(&o);
	if (strcmp(cmd, "restore") == 0)
		return cmd_restore(&o);
	if (strcmp(cmd, "report") == 0)
		return cli_report(&o);
	if (strcmp(cmd, "print") == 0)
		return cli_print(&o);
	if (strcmp(cmd, "worker") == 0)
		return cli_worker(&o);
	if (strcmp(cmd, "target") == 0)
		return cli_target(&o);
	if (strcmp(cmd, "due") == 0)
		return cli_due(&o);
	if (strcmp(cmd, "unit") == 0)
		return cli_unit(&o);
	if (strcmp(cmd, "setting") == 0)
		return cli_setting(&o);
	if (strcmp(cmd, "code") == 0)
		return cli_code(&o);
	if (strcmp(cmd, "close") == 0 || strcmp(cmd, "reopen") == 0)
		return cli_close(&o);
	if (strcmp(cmd, "project") == 0 || strcmp(cmd, "loan") == 0 || strcmp(cmd, "fee") == 0)
		return cli_enterprise(&o);
	if (strcmp(cmd, "case") == 0)
		return cli_case(&o);
	if (strcmp(cmd, "pair") == 0 || strcmp(cmd, "helper") == 0)
		return cli_pair(&o);
	if (strcmp(cmd, "org") == 0)
		return cli_org(&o);
	if (strcmp(cmd, "household") == 0)
		return cli_household(&o);
	if (strcmp(cmd, "assistance") == 0)
		return cli_assist(&o);
	if (strcmp(cmd, "notice") == 0 || strcmp(cmd, "subsidy") == 0 || strcmp(cmd, "category") == 0 ||
	    strcmp(cmd, "certificate") == 0)
		return cli_notice(&o);
	return cli_usage_error(_("unknown command %s"), cmd);
}
