/* tui/keys.h: every key jiuye takes, in one table. The F-key bar at the bottom of each screen, the
 * F1 help of each screen and the KEYS section of man/jiuye.1 are all made from it, so they never
 * disagree (the keyboard contract every screen keeps).
 *
 * Why the alternates: PuTTY, Xshell and desktop terminals keep some F-keys for themselves (F1 opens
 * their help, F10 their menu), so every F-key has a Ctrl key too. Ctrl-S and Ctrl-Q are safe because
 * the terminal is in raw mode (no XON/XOFF). Esc is never the only way
 * back (a slow SSH link can split it): F12 and Ctrl-G do the same. A printable alternate ('?', '/',
 * 'e' …) acts only where no text field has the cursor.
 *
 * Include after <curses.h>.
 *
 *   action          key                  also                 bar label (gettext)  help (gettext) */
#define KEYS(X) \
	X(ACT_HELP,      K_FN(KEY_F(1)),      '?',                 1, N_("Help"),    N_("Show every key this screen takes ('?' where no text field has the cursor)")) \
	X(ACT_HELP,      K_CTRL('t'),         0,                   0, N_("Help"),    N_("The same help, for terminals that keep F1 to themselves")) \
	X(ACT_SAVE,      K_FN(KEY_F(2)),      K_CTRL('s'),         1, N_("Save"),    N_("Save the form")) \
	X(ACT_SEARCH,    K_FN(KEY_F(3)),      '/',                 1, N_("Search"),  N_("Search as you type: pinyin initials (zxh), characters of the name, or the last digits of an ID number or phone")) \
	X(ACT_SEARCH,    K_CTRL('f'),         0,                   0, N_("Search"),  N_("The same search")) \
	X(ACT_NEW,       K_FN(KEY_F(4)),      K_FN(KEY_IC),        1, N_("New"),     N_("New: a resident in the registry; in training a course, a trainee or a session; in jobs an employer, a posting or a fair, and in a match list a referral")) \
	X(ACT_NEW,       K_CTRL('n'),         0,                   0, N_("New"),     N_("The same: a new record")) \
	X(ACT_EDIT,      K_FN(KEY_F(5)),      'e',                 1, N_("Edit"),    N_("Edit this record")) \
	X(ACT_CERT,      K_FN(KEY_F(6)),      'c',                 1, N_("Cert"),    N_("Add a certificate (就业创业证, 失业证 ...)")) \
	X(ACT_STATUS,    K_FN(KEY_F(7)),      's',                 1, N_("Status"),  N_("Record a change of employment status (re-employed, with the form of employment); on a start-up project or a loan, its next stage or step")) \
	X(ACT_VISIT,     K_FN(KEY_F(8)),      'v',                 1, N_("Visit"),   N_("Record a follow-up visit")) \
	X(ACT_QUIT,      K_FN(KEY_F(10)),     K_CTRL('q'),         1, N_("Quit"),    N_("Quit jiuye (asks only when something is unsaved)")) \
	X(ACT_BACK,      K_FN(KEY_F(12)),     K_ESC,               1, N_("Back"),    N_("Back, or cancel; asks before discarding unsaved changes")) \
	X(ACT_BACK,      K_CTRL('g'),         0,                   0, N_("Back"),    N_("The same, where Esc is slow or lost")) \
	X(ACT_OPEN,      '\n',                K_FN(KEY_ENTER),     0, N_("Open"),    N_("Open the selected record; in a form, go to the next field")) \
	X(ACT_NEXT,      '\t',                K_FN(KEY_DOWN),      0, N_("Next"),    N_("Next field; in a list, the next row")) \
	X(ACT_PREV,      K_FN(KEY_BTAB),      K_FN(KEY_UP),        0, N_("Previous"), N_("Previous field; in a list, the row above")) \
	X(ACT_PGDN,      K_FN(KEY_NPAGE),     0,                   0, N_("Page down"), N_("One screen down")) \
	X(ACT_PGUP,      K_FN(KEY_PPAGE),     0,                   0, N_("Page up"), N_("One screen up")) \
	X(ACT_HOME,      K_FN(KEY_HOME),      K_CTRL('a'),         0, N_("Start"),   N_("The first row; in a field, its start")) \
	X(ACT_END,       K_FN(KEY_END),       K_CTRL('e'),         0, N_("End"),     N_("The last row loaded; in a field, its end")) \
	X(ACT_LEFT,      K_FN(KEY_LEFT),      0,                   0, N_("Left"),    N_("In a field: one character to the left")) \
	X(ACT_RIGHT,     K_FN(KEY_RIGHT),     0,                   0, N_("Right"),   N_("In a field: one character to the right")) \
	X(ACT_BKSP,      K_FN(KEY_BACKSPACE), 0x7f,                0, N_("Backspace"), N_("Delete the character before the cursor; in a code field with nothing typed, clear it")) \
	X(ACT_BKSP,      K_CTRL('h'),         0,                   0, N_("Backspace"), N_("The same")) \
	X(ACT_DEL,       K_FN(KEY_DC),        K_CTRL('d'),         0, N_("Delete"),  N_("Delete the character under the cursor")) \
	X(ACT_KILL_END,  K_CTRL('k'),         0,                   0, N_("Cut end"), N_("Delete from the cursor to the end of the field")) \
	X(ACT_KILL_START, K_CTRL('u'),        0,                   0, N_("Cut start"), N_("Delete from the start of the field to the cursor")) \
	X(ACT_TOGGLE,    ' ',                 0,                   0, N_("Choose"),  N_("In a code field: open the list; in the list, tick or untick (categories); yes/no fields: switch")) \
	X(ACT_MODULE,    '1',                 '9',                 0, N_("Module"),  N_("On the main menu: open that module")) \
	X(ACT_YES,       'y',                 'Y',                 0, N_("Yes"),     N_("In a question: yes")) \
	X(ACT_NO,        'n',                 'N',                 0, N_("No"),      N_("In a question: no")) \
	X(ACT_REDRAW,    K_CTRL('l'),         0,                   0, N_("Repaint"), N_("Repaint the whole screen (after line noise)")) \
	X(ACT_INTERRUPT, K_CTRL('c'),         0,                   0, N_("Quit"),    N_("Quit, after asking")) \
	X(ACT_ROLLCALL,  K_FN(KEY_F(9)),      'r',                 1, N_("Sessions"), N_("A course's sessions: add one, take its roll call, print its sign-in sheet")) \
	X(ACT_PRINT,     K_CTRL('p'),         'p',                 0, N_("Print"),   N_("Write a printout to a text file for the office printer: a course's roster, a session's sign-in sheet")) \
	X(ACT_OUTCOME,   K_CTRL('o'),         'o',                 0, N_("No job"),  N_("Trainees who completed a course and have no work yet, with their six-month window and subsidy tier")) \
	X(ACT_HISTORY,   'h',                 0,                   0, N_("History"), N_("Change history of a course, its enrolments and sessions: who changed what, when")) \
	X(ACT_PRESENT,   '1',                 'd',                 0, N_("Present"), N_("In a roll call: 到 (present), then the next person")) \
	X(ACT_ABSENT,    '2',                 'q',                 0, N_("Absent"),  N_("In a roll call: 缺 (absent), then the next person")) \
	X(ACT_LATE,      '3',                 'c',                 0, N_("Late"),    N_("In a roll call: 迟 (late), then the next person")) \
	X(ACT_LEAVE,     '4',                 'j',                 0, N_("Leave"),   N_("In a roll call: 假 (excused leave), then the next person")) \
	X(ACT_MATCH,     K_FN(KEY_F(11)),     'm',                 1, N_("Match"),   N_("Matching: for a posting, the residents who fit it, best first and why; for a resident, the open postings that fit her")) \
	X(ACT_MATCH,     K_CTRL('w'),         0,                   0, N_("Match"),   N_("The same matching, for terminals that keep F11 to themselves")) \
	X(ACT_FILTER,    K_CTRL('v'),         0,                   1, N_("Show"),    N_("Which records a list shows, in turn: in the resident list, with or without the closed ones; in the list of job information all, open, public-welfare posts, closing soon")) \
	X(ACT_CERT_STATUS, 'z',               0,                   0, N_("Cert status"), N_("On a resident's page: cancel (注销) or expire (过期) one of her certificates, or keep it after a review (有效), with the reason (审核, 管理员)")) \
	X(ACT_CLOSE,     K_FN(KEY_F(9)),      'x',                 1, N_("Close"),   N_("On a resident's page: close her record (注销) with the reason and the day; on a closed record, open it again (审核, 管理员)")) \
	X(ACT_CASE,      'w',                 0,                   0, N_("Case"),    N_("On a resident's page: register a rights case (维权) for her: the intake form with her ID number")) \
	X(ACT_GIFT,      K_FN(KEY_F(6)),      'g',                 1, N_("Given"),   N_("On a mentoring pair's page: record money or goods given (帮扶款物: 现金 or 物资, in 元)")) \
	X(ACT_FINISH,    K_FN(KEY_F(9)),      'x',                 1, N_("Finish"),  N_("On a mentoring pair's page: end the pair (结束) with the day and the reason; an ended pair stays ended. On a migrant woman's page: she leaves the roster, with the day and the reason")) \
	X(ACT_JUMP,      K_CTRL('z'),         0,                   0, N_("Go to"),   N_("In a form: go to a field by its name: Ctrl-Z, the pinyin initials of its label (sq 社区, rylb 人员类别) or its first characters, Enter")) \
	X(ACT_REVEAL,    K_CTRL('y'),         'u',                 0, N_("Show number"), N_("On a resident's page: show her whole ID number and phone (the viewing is recorded in the history); again to hide them")) \
	X(ACT_EXPORT,    K_FN(KEY_F(7)),      K_CTRL('x'),         1, N_("To file"), N_("Write the list as it is shown (or the report) to a file: .xlsx, .csv or text; asks for the file's name")) \
	X(ACT_EARLIER,   '[',                 ',',                 0, N_("Earlier"), N_("In a report: the period before (the month, quarter, half-year or year before; a from-to as long, just before); in a fee ledger, the month before")) \
	X(ACT_LATER,     ']',                 '.',                 0, N_("Later"),   N_("In a report: the period after; in a fee ledger, the month after")) \
	X(ACT_PERIOD,    't',                 K_CTRL('r'),         1, N_("Period"),  N_("In a report: the kind of period in turn: month, 人社 statistical month (21st to 20th), quarter, half-year, year, from-to")) \
	X(ACT_GROUP,     'g',                 K_CTRL('b'),         1, N_("Group"),   N_("In a report: the figures split by community, sex, category, age band, street, or not, in turn")) \
	X(ACT_TARGET,    K_FN(KEY_F(5)),      'e',                 1, N_("Target"),  N_("In a report: set the year's target of the indicator under the cursor (an administrator or a statistician)")) \
	X(ACT_TREND,     K_FN(KEY_F(9)),      'h',                 1, N_("Trend"),   N_("In a report: the indicator under the cursor over its last 12 months (8 quarters), as bars, with the target's path")) \
	X(ACT_COMPARE,   'c',                 0,                   0, N_("Compare"), N_("In a report: the figures beside the period before (环比), the same period of last year (同比) or the year to date (累计), in turn; F7 then writes the same, and for a half-year or a year against last year the summary (工作总结)")) \
	X(ACT_IMPORT,    K_FN(KEY_F(9)),      K_CTRL('r'),         1, N_("Import"),  N_("In the lists of residents, employers, job information and courses: import a file (.csv) of them: its name, a check that saves nothing and shows what the import would do, then Enter imports it (录入员, 审核, 管理员); Esc during it cancels, nothing saved")) \
	X(ACT_REMOVE,    K_FN(KEY_F(9)),      'x',                 1, N_("Remove"),  N_("In a fee ledger: remove the payment entered by mistake, with the reason, which the audit trail keeps (审核, 管理员)"))
