"""Every UI string in Arabic and English, and names of actors, places and codes by language."""
from __future__ import annotations

import pandas as pd

LANGS = ("ar", "en")
DEFAULT_LANG = "ar"

STRINGS: dict[str, dict[str, str]] = {
    "app_title": {"ar": "راصد", "en": "Rasid"},
    "app_subtitle": {"ar": "المواجهة بين القوات الأميركية والفصائل الموالية لإيران في العراق وسوريا كما ترويها الصحافة العربية",
                     "en": "US forces and Iran-aligned factions in Iraq and Syria, as the Arabic press reports it"},
    "page_overview": {"ar": "نظرة عامة", "en": "Overview"},
    "page_incidents": {"ar": "الحوادث", "en": "Incidents"},
    "page_troops": {"ar": "القوات الأميركية", "en": "US troops"},
    "page_bases": {"ar": "القواعد والمواقع", "en": "Bases and places"},
    "page_actors": {"ar": "الفصائل والجهات", "en": "Factions and actors"},
    "page_articles": {"ar": "قارئ المقالات", "en": "Article reader"},
    "page_add": {"ar": "إضافة مقالات", "en": "Add articles"},
    "filters": {"ar": "عوامل التصفية", "en": "Filters"},
    "f_militia": {"ar": "الفصيل", "en": "Faction"},
    "f_year": {"ar": "السنة", "en": "Year"},
    "f_event_type": {"ar": "نوع الحدث", "en": "Event type"},
    "f_weapon": {"ar": "السلاح", "en": "Weapon"},
    "f_country": {"ar": "البلد", "en": "Country"},
    "f_place": {"ar": "الموقع", "en": "Place"},
    "all": {"ar": "الكل", "en": "All"},
    "language": {"ar": "اللغة", "en": "Language"},
    "clear_filters": {"ar": "مسح عوامل التصفية", "en": "Clear filters"},
    "dropped_values": {"ar": "قيم غير معروفة في الرابط تم تجاهلها:", "en": "Unknown values in the link were ignored:"},
    "empty": {"ar": "لا توجد نتائج تطابق عوامل التصفية الحالية.", "en": "Nothing matches the current filters."},
    "no_tables": {"ar": "لا توجد جداول بيانات بعد. أضف مقالات أو شغّل البناء.", "en": "No data tables yet. Add articles or run the build."},
    "building": {"ar": "جارٍ بناء الجداول من المقالات…", "en": "Building the tables from the articles…"},
    "built": {"ar": "تم بناء الجداول: {n} مقالة.", "en": "Tables built: {n} articles."},
    "build_failed": {"ar": "تعذّر بناء الجداول: {error}", "en": "The tables could not be built: {error}"},
    "plan_not_tableset": {"ar": "المجلد {path} ليس مجموعة جداول لراصد، فلن يُبنى فيه شيء ولن يُحذف منه شيء. وجّه RASID_DATA إلى مجلد جداول أو إلى مجلد جديد.",
                          "en": "{path} is not a Rasid table set, so nothing is built in it and nothing in it is removed. Point RASID_DATA at a table set or at a new folder."},
    "plan_no_inputs": {"ar": "لا تذكر مجموعة الجداول في {path} المجلدات التي بُنيت منها، فتُعرض كما هي: لا إعادة بناء ولا رفع مقالات.",
                       "en": "The table set in {path} does not record the folders it was built from, so it is shown as it is: no rebuild and no uploads."},
    "plan_relative": {"ar": "بُنيت الجداول في {path} من مجلدات بمسارات نسبية ({folders})، فلا يعيد التطبيق بناءها. أعد بناءها من سطر الأوامر: python -m preprocess build --input ... --out ...",
                      "en": "The tables in {path} were built from relative folders ({folders}), so the app does not rebuild them. Rebuild them from the command line: python -m preprocess build --input ... --out ..."},
    "plan_env_disagrees": {"ar": "{env} يشير إلى {value}، لكن هذه الجداول بُنيت من: {folders}. لن يعيد التطبيق بناءها ولن يحفظ مقالات مرفوعة حتى يتفق الإعدادان.",
                           "en": "{env} points to {value}, but these tables were built from: {folders}. The app will not rebuild them or save uploads until the two agree."},
    "download_csv": {"ar": "تنزيل CSV", "en": "Download CSV"},
    "first_rows_note": {"ar": "أول {n} صف من {total} بالترتيب المعروض؛ ملف CSV يضمها كلها.",
                        "en": "The first {n} of {total} rows, in the order shown; the CSV has them all."},
    "download_help": {"ar": "{n} صفاً. عوامل التصفية: {filters}", "en": "{n} rows. Filters: {filters}"},
    "no_filter": {"ar": "بلا تصفية", "en": "none"},
    "m_incidents": {"ar": "الحوادث", "en": "Incidents"},
    "m_attacks": {"ar": "الهجمات", "en": "Attacks"},
    "m_strikes": {"ar": "الضربات الأميركية", "en": "US strikes"},
    "m_killed": {"ar": "القتلى", "en": "Killed"},
    "m_wounded": {"ar": "الجرحى", "en": "Wounded"},
    "m_troops": {"ar": "آخر عدد معلن للقوات", "en": "Latest troop level"},
    "m_troops_none": {"ar": "غير معروف", "en": "unknown"},
    "timeline": {"ar": "الحوادث شهرياً وعدد القوات الأميركية", "en": "Incidents per month and US troop level"},
    "latest_incidents": {"ar": "أحدث الحوادث ومصادرها", "en": "Latest incidents and their sources"},
    "events_axis": {"ar": "عدد الأحداث", "en": "Events"},
    "troops_axis": {"ar": "عدد الجنود", "en": "Troops"},
    "date_axis": {"ar": "التاريخ", "en": "Date"},
    "per_month": {"ar": "شهرياً", "en": "Per month"},
    "per_year": {"ar": "سنوياً", "en": "Per year"},
    "stack_by": {"ar": "التقسيم حسب", "en": "Stack by"},
    "stack_factions": {"ar": "الفصيل", "en": "Faction"},
    "stack_weapon": {"ar": "السلاح", "en": "Weapon"},
    "counts_title": {"ar": "الهجمات والضربات ({freq})", "en": "Attacks and strikes ({freq})"},
    "reported_tallies": {"ar": "الحصيلة المعلنة في المقالات مقابل عدّنا", "en": "Tallies reported in articles beside our count"},
    "incident_table": {"ar": "جدول الحوادث", "en": "Incident table"},
    "troops_title": {"ar": "عدد القوات الأميركية وقوات التحالف", "en": "US and coalition troop levels"},
    "colour_by": {"ar": "التلوين حسب", "en": "Colour by"},
    "by_location": {"ar": "المكان", "en": "Location"},
    "by_force": {"ar": "القوة", "en": "Force"},
    "by_kind": {"ar": "نوع الرقم", "en": "Kind of figure"},
    "by_country": {"ar": "البلد", "en": "Country"},
    "by_event_type": {"ar": "هجوم أو ضربة", "en": "Attack or strike"},
    "troop_table": {"ar": "أرقام القوات", "en": "Troop figures"},
    "open_marker_note": {"ar": "العلامة المفرغة: انسحاب أو انتشار أو خطة وليست عدداً قائماً",
                         "en": "Open marker: a withdrawal, deployment or plan rather than a standing level"},
    "map_title": {"ar": "مواقع الحوادث والقواعد", "en": "Incident locations and bases"},
    "bases_legend": {"ar": "قاعدة بلا حادث في هذا العرض", "en": "Base, no incident in this view"},
    "places_table": {"ar": "المواقع وعدد الأحداث", "en": "Places and their events"},
    "quote_help": {"ar": "انقر الخلية مرتين لقراءة الجملة كاملة", "en": "Double-click a cell to read the whole sentence"},
    "no_number_help": {"ar": "خلية فارغة: لا يذكر النص عدداً", "en": "Empty: the text gives no number"},
    "undated_note": {"ar": "حوادث بلا تاريخ ليست على هذا الرسم: {n}", "en": "{n} incidents without a date are not on this chart."},
    "undated_note_one": {"ar": "حوادث بلا تاريخ ليست على هذا الرسم: 1", "en": "1 incident without a date is not on this chart."},
    "coarser_note": {"ar": "حوادث مؤرخة بالسنة فقط ليست على الرسم الشهري (اعرضها سنوياً): {n}",
                     "en": "{n} incidents dated only to the year are not on the monthly chart (see them per year)."},
    "coarser_note_one": {"ar": "حوادث مؤرخة بالسنة فقط ليست على الرسم الشهري (اعرضها سنوياً): 1",
                         "en": "1 incident dated only to the year is not on the monthly chart (see it per year)."},
    "undated_troops_note": {"ar": "أرقام قوات بلا تاريخ ليست على هذا الرسم: {n}", "en": "{n} troop figures without a date are not on this chart."},
    "undated_troops_note_one": {"ar": "أرقام قوات بلا تاريخ ليست على هذا الرسم: 1", "en": "1 troop figure without a date is not on this chart."},
    "undated_mentions_note": {"ar": "إشارات في مقالات بلا تاريخ نشر ليست على هذا الرسم: {n}",
                              "en": "{n} mentions in articles without a publication date are not on this chart."},
    "undated_mentions_note_one": {"ar": "إشارات في مقالات بلا تاريخ نشر ليست على هذا الرسم: 1",
                                  "en": "1 mention in an article without a publication date is not on this chart."},
    "intercepted_note": {"ar": "منها ما اعتُرض أو أُسقط (مخطط في الرسم): {n}", "en": "Of these, intercepted or shot down (hatched in the chart): {n}"},
    "tallies_all_factions": {"ar": "هذه الحصائل تعدّ هجمات كل الفصائل، لا الفصيل المختار وحده ({militia}). وعدّنا بجانبها لكل الفصائل أيضاً.",
                             "en": "These tallies count attacks by every faction, not only the chosen one ({militia}); our count beside them covers every faction too."},
    "levels_panel": {"ar": "العدد القائم", "en": "Standing levels"},
    "changes_panel": {"ar": "انسحاب وانتشار وخطط", "en": "Withdrawals, deployments and plans"},
    "bounds_note": {"ar": "السهم: حد معلن (أقل من أو أكثر من)، والعدد الفعلي في اتجاه السهم",
                    "en": "Arrow: a stated bound (under or over); the real number lies the way the arrow points"},
    "actors_table": {"ar": "الفصائل ومظلاتها", "en": "Factions and their umbrellas"},
    "new_groups": {"ar": "جماعات جديدة غير موجودة في المعجم الجغرافي", "en": "New groups not in the gazetteer"},
    "new_flag": {"ar": "جديد", "en": "new"},
    "mentions_per_year": {"ar": "الإشارات سنوياً: الفصائل العشرة الأكثر ذكراً", "en": "Mentions per year: the ten most-mentioned factions"},
    "mentions_axis": {"ar": "عدد الإشارات", "en": "Mentions"},
    "choose_actor": {"ar": "اختر جهة", "en": "Choose an actor"},
    "articles_mentioning": {"ar": "المقالات التي تذكرها", "en": "Articles that mention it"},
    "choose_article": {"ar": "المقالة", "en": "Article"},
    "no_article": {"ar": "لم يتم العثور على المقالة {id}.", "en": "Article {id} was not found."},
    "extractions": {"ar": "المعلومات المستخرجة", "en": "Extractions"},
    "choose_extraction": {"ar": "اختر معلومة لعرض صفها", "en": "Choose an extraction to see its row"},
    "legend_reader": {"ar": "الألوان: حادث · عدد قوات · حصيلة هجمات · جهة · مكان",
                      "en": "Colours: incident · troop figure · attack tally · actor · place"},
    "articles_table": {"ar": "المقالات", "en": "Articles"},
    "read": {"ar": "اقرأ الجملة", "en": "Read the sentence"},
    "add_intro": {"ar": "ارفع ملفات المقالات (txt أو html أو jsonl أو zip). تُحفظ في مجلد المستخدم ولا تمسّ المقالات المرفقة، ثم يُعاد بناء الجداول.",
                  "en": "Upload article files (txt, html, jsonl or zip). They are saved in the user folder, never over the bundled articles, then the tables are rebuilt."},
    "upload": {"ar": "الملفات", "en": "Files"},
    "add_button": {"ar": "إضافة وإعادة البناء", "en": "Add and rebuild"},
    "accepted": {"ar": "مقبول", "en": "accepted"},
    "refused": {"ar": "مرفوض", "en": "refused"},
    "status": {"ar": "الحالة", "en": "Status"},
    "file": {"ar": "الملف", "en": "File"},
    "reason": {"ar": "السبب", "en": "Reason"},
    "rejects": {"ar": "ملفات تم تخطيها وأسبابها", "en": "Skipped files and why"},
    "no_rejects": {"ar": "لم يُتخطَّ أي ملف.", "en": "No file was skipped."},
    "corpus": {"ar": "المقالات: {n} · المصدر: {dir}", "en": "Articles: {n} · tables: {dir}"},
    "unexpected_error": {"ar": "حدث خطأ غير متوقع (رقم {id}). سُجّلت تفاصيله على الخادم.",
                         "en": "Unexpected error (id {id}). The details are in the server log."},
    "read_only": {"ar": "هذه اللوحة للقراءة فقط: رفع المقالات وحذفها وإعادة بناء الجداول معطّلة هنا.",
                  "en": "This dashboard is read-only: adding or removing articles and rebuilding the tables are switched off here."},
    "session_allowance": {"ar": "المرفوع في هذه الجلسة: {used} من {limit}.", "en": "Uploaded this session: {used} of {limit}."},
    "remove_title": {"ar": "حذف ملفاتك المرفوعة", "en": "Remove your uploaded files"},
    "remove_pick": {"ar": "ملفات في مجلد المستخدم", "en": "Files in the user folder"},
    "choose_files": {"ar": "اختر ملفات", "en": "Choose files"},
    "remove_confirm": {"ar": "نعم، احذف هذه الملفات من مجلد المستخدم نهائياً", "en": "Yes, delete these files from the user folder for good"},
    "remove_button": {"ar": "حذف وإعادة البناء", "en": "Remove and rebuild"},
    "no_uploads": {"ar": "لا توجد ملفات مرفوعة في مجلد المستخدم.", "en": "There are no uploaded files in the user folder."},
    "removed": {"ar": "محذوف", "en": "removed"},
    "uploads_off": {"ar": "رفع المقالات معطّل: هذه الجداول لا تُبنى من مجلد المستخدم.",
                    "en": "Uploads are off: these tables are not built from the user folder."},
    # the shared view, the reader, /add and /method (issue 9)
    "f_months": {"ar": "الفترة (بالأشهر)", "en": "Period (months)"},
    "page_method": {"ar": "المنهجية والدقة", "en": "Method and accuracy"},
    "incident_n": {"ar": "حادث {n}", "en": "incident {n}"},
    "untitled": {"ar": "مقالة بلا عنوان", "en": "Untitled article"},
    "reader_tags_note": {"ar": "الوسم الصغير بعد الجملة يقول ما أعطته لكل حادث: ذكر الحدث أو تاريخه أو مكانه أو سلاحه ...",
                         "en": "The small tag after a sentence says what it gave each incident: the mention, its date, place, weapon ..."},
    "no_extractions": {"ar": "لم يُستخرج شيء من هذه المقالة.", "en": "Nothing was extracted from this article."},
    "no_sentence_at": {"ar": "لا جملة عند الموضع {at} في هذه المقالة.", "en": "This article has no sentence at offset {at}."},
    "incident_sources": {"ar": "الجمل التي بُني عليها الحادث", "en": "Sentences behind the incident"},
    "not_stated_short": {"ar": "غير مذكور", "en": "not stated"},
    "upload_help": {"ar": "الأنواع المقبولة: {types}. حتى {limit} للملف الواحد، وحتى {total} في الجلسة.",
                    "en": "Accepted: {types}. Up to {limit} per file and {total} per session."},
    "method_intro": {"ar": "ما تعنيه الجداول وأعمدتها، وكيف تُستخرج المعلومات من المقالات وأين يخطئ الاستخراج، ومدى دقته كما قيست آخر مرة.",
                     "en": "What the tables and their columns mean, how the information is extracted from the articles and where it goes wrong, and how accurate it was when last measured."},
    "method_accuracy": {"ar": "الدقة المقيسة", "en": "Measured accuracy"},
    "eval_measured": {"ar": "قيست في {date} على الإيداع {commit}، بتصحيح {mode}.", "en": "Measured on {date} at commit {commit}, {mode} scoring."},
    "eval_mode_strict": {"ar": "صارم", "en": "strict"},
    "eval_mode_lenient": {"ar": "متساهل", "en": "lenient"},
    "eval_dirty": {"ar": "كانت في نسخة العمل تعديلات لم تُودع بعد.", "en": "The working copy had changes not yet committed."},
    "eval_missing": {"ar": "لا توجد نتائج تقييم في {path}. شغّل {command} لقياس الدقة.",
                     "en": "No evaluation results at {path}. Run {command} to measure the accuracy."},
    "eval_unreadable": {"ar": "تعذّرت قراءة نتائج التقييم في {path}. شغّل {command} من جديد.",
                        "en": "The evaluation results at {path} could not be read. Run {command} again."},
    "eval_how_read": {"ar": "لكل حقل: الدقة = نسبة الصحيح مما استخرجه راصد؛ الاستدعاء = نسبة ما وجده راصد مما في المقالات فعلاً؛ F1 يجمع الاثنين. الأرقام مقارنة بإجابات كتبها مراجعون بأيديهم.",
                      "en": "For each field: precision = the share of what Rasid extracted that is right; recall = the share of what the articles hold that Rasid found; F1 combines the two. Figures compare with answers annotators wrote by hand."},
    "eval_set": {"ar": "{name}: {n} مقالة", "en": "{name}: {n} articles"},
    "eval_weakest": {"ar": "الحقل الأضعف في هذه المجموعة: {field} (F1 {f1}).", "en": "The weakest field in this set: {field} (F1 {f1})."},
    "eval_fields_title": {"ar": "اتفاق الحقول في الحوادث والأعداد المتطابقة", "en": "Field agreement on matched incidents and figures"},
    "col_category": {"ar": "ما يُستخرج", "en": "What is extracted"},
    "col_f1": {"ar": "F1", "en": "F1"},
    "col_precision": {"ar": "الدقة", "en": "Precision"},
    "col_recall": {"ar": "الاستدعاء", "en": "Recall"},
    "col_right": {"ar": "صحيح", "en": "Right"},
    "col_wrong": {"ar": "زائد أو خاطئ", "en": "Extra or wrong"},
    "col_missed": {"ar": "فائت", "en": "Missed"},
    "col_field": {"ar": "الحقل", "en": "Field"},
    "col_agreement": {"ar": "نسبة الاتفاق", "en": "Agreement"},
    "col_agree": {"ar": "متفق من المجموع", "en": "Agreeing of all"},
    "col_column": {"ar": "العمود", "en": "Column"},
    "col_type": {"ar": "النوع", "en": "Type"},
    "col_meaning": {"ar": "المعنى", "en": "Meaning"},
    "method_how": {"ar": "كيف يعمل الاستخراج", "en": "How extraction works"},
    "method_fails": {"ar": "أين يخطئ", "en": "Where it fails"},
    "method_tables": {"ar": "الجداول وأعمدتها", "en": "The tables and their columns"},
}

COLUMN_LABELS: dict[str, dict[str, str]] = {
    "date": {"ar": "التاريخ", "en": "Date"}, "event_type": {"ar": "النوع", "en": "Type"},
    "perpetrator": {"ar": "المنفّذ", "en": "Perpetrator"}, "claimed_by": {"ar": "المتبنّي", "en": "Claimed by"},
    "target": {"ar": "الهدف", "en": "Target"}, "factions": {"ar": "الفصائل المعنية", "en": "Factions involved"}, "place": {"ar": "الموقع", "en": "Place"},
    "country": {"ar": "البلد", "en": "Country"}, "weapon": {"ar": "السلاح", "en": "Weapon"},
    "killed": {"ar": "قتلى", "en": "Killed"}, "wounded": {"ar": "جرحى", "en": "Wounded"},
    "quote": {"ar": "الجملة", "en": "Sentence"}, "source": {"ar": "المصدر", "en": "Source"},
    "title": {"ar": "العنوان", "en": "Title"}, "published": {"ar": "تاريخ النشر", "en": "Published"},
    "link": {"ar": "في المقالة", "en": "In the article"}, "value": {"ar": "العدد", "en": "Number"},
    "qualifier": {"ar": "الدقة", "en": "Precision"}, "force": {"ar": "القوة", "en": "Force"},
    "location": {"ar": "المكان", "en": "Location"}, "kind": {"ar": "نوع الرقم", "en": "Kind"},
    "count": {"ar": "الحصيلة المعلنة", "en": "Reported"}, "counted": {"ar": "عدّنا", "en": "Our count"},
    "period_start": {"ar": "من", "en": "From"}, "period_end": {"ar": "إلى", "en": "To"},
    "name": {"ar": "الاسم", "en": "Name"}, "name_ar": {"ar": "الاسم العربي", "en": "Arabic name"},
    "name_en": {"ar": "الاسم الإنجليزي", "en": "English name"}, "parent": {"ar": "المظلة", "en": "Umbrella"},
    "actor_type": {"ar": "الصفة", "en": "Type"}, "incidents": {"ar": "حوادث منسوبة", "en": "Incidents attributed"},
    "n_mentions": {"ar": "الإشارات", "en": "Mentions"}, "n_articles": {"ar": "المقالات", "en": "Articles"},
    "in_gazetteer": {"ar": "في المعجم", "en": "In gazetteer"}, "place_type": {"ar": "الصفة", "en": "Type"},
    "events": {"ar": "الأحداث", "en": "Events"}, "attacks": {"ar": "هجمات", "en": "Attacks"},
    "strikes": {"ar": "ضربات", "en": "Strikes"}, "others": {"ar": "أخرى", "en": "Other"},
    "article_id": {"ar": "المقالة", "en": "Article"}, "n_reports": {"ar": "عدد التقارير", "en": "Reports"},
    "file": {"ar": "الملف", "en": "File"}, "reason": {"ar": "السبب", "en": "Reason"}, "stage": {"ar": "المرحلة", "en": "Stage"},
    "lat": {"ar": "خط العرض", "en": "Latitude"}, "lon": {"ar": "خط الطول", "en": "Longitude"},
    "surface": {"ar": "النص", "en": "Text"}, "year": {"ar": "السنة", "en": "Year"},
    "duplicate_of": {"ar": "نسخة من", "en": "Duplicate of"}, "warnings": {"ar": "ملاحظات", "en": "Notes"},
    "new": {"ar": "جديد", "en": "New"}, "status": {"ar": "الحالة", "en": "Status"},
    "field": {"ar": "الحقل", "en": "Field"}, "field_value": {"ar": "القيمة", "en": "Value"}, "entity": {"ar": "النوع", "en": "Kind"},
    "label": {"ar": "القيمة", "en": "Value"}, "start": {"ar": "البداية", "en": "Start"}, "end": {"ar": "النهاية", "en": "End"},
    "date_precision": {"ar": "دقة التاريخ", "en": "Date precision"}, "date_basis": {"ar": "مصدر التاريخ", "en": "Date from"},
    "date_end": {"ar": "حتى تاريخ", "en": "Until"},
    "outcome": {"ar": "النتيجة", "en": "Outcome"}, "role": {"ar": "الدور", "en": "Role"},
    "entity_kind": {"ar": "جهة أو مكان", "en": "Actor or place"}, "slot": {"ar": "ما أعطته", "en": "Gave"},
    "n_event_articles": {"ar": "مقالات تروي حادثاً فيه", "en": "Reporting articles"},
    "n_event_mentions": {"ar": "ذِكره مكاناً لحادث", "en": "Named as an incident's place"},
}

CODE_LABELS: dict[str, dict[str, dict[str, str]]] = {
    "event_type": {"attack": {"ar": "هجوم", "en": "Attack"}, "strike": {"ar": "ضربة أميركية", "en": "US strike"},
                   "other": {"ar": "أخرى", "en": "Other"}},
    "weapon": {"rocket": {"ar": "صواريخ", "en": "Rocket"}, "drone": {"ar": "طائرة مسيّرة", "en": "Drone"},
               "ballistic_missile": {"ar": "صاروخ باليستي", "en": "Ballistic missile"}, "ied": {"ar": "عبوة ناسفة", "en": "IED"},
               "airstrike": {"ar": "غارة جوية", "en": "Airstrike"}, "unknown": {"ar": "غير معروف", "en": "Unknown"}},
    "qualifier": {"exact": {"ar": "عدد محدد", "en": "Stated number"}, "approx": {"ar": "تقريبي (نحو)", "en": "Estimate (about)"},
                  "less_than": {"ar": "حد أعلى (أقل من)", "en": "Upper bound (under)"},
                  "more_than": {"ar": "حد أدنى (أكثر من)", "en": "Lower bound (over)"},
                  "at_least": {"ar": "حد أدنى (على الأقل)", "en": "Lower bound (at least)"}},
    "kind": {"level": {"ar": "عدد قائم", "en": "Standing level"}, "withdrawal": {"ar": "انسحاب", "en": "Withdrawal"},
             "deployment": {"ar": "انتشار", "en": "Deployment"}, "planned": {"ar": "مخطط", "en": "Planned"}},
    "force": {"US": {"ar": "القوات الأميركية", "en": "US"}, "coalition": {"ar": "قوات التحالف", "en": "Coalition"}},
    "actor_type": {"militia": {"ar": "فصيل مسلح", "en": "Militia"}, "state": {"ar": "دولة", "en": "State"},
                   "armed_forces": {"ar": "قوات مسلحة", "en": "Armed forces"}, "person": {"ar": "شخص", "en": "Person"},
                   "organization": {"ar": "منظمة", "en": "Organization"}},
    "place_type": {"base": {"ar": "قاعدة", "en": "Base"}, "city": {"ar": "مدينة", "en": "City"},
                   "province": {"ar": "محافظة", "en": "Province"}, "country": {"ar": "بلد", "en": "Country"},
                   "facility": {"ar": "منشأة", "en": "Facility"}, "region": {"ar": "منطقة", "en": "Region"}},
    "entity": {"incident": {"ar": "حادث", "en": "incident"}, "troops": {"ar": "عدد قوات", "en": "troop figure"},
               "attack_count": {"ar": "حصيلة هجمات", "en": "attack tally"}, "actor": {"ar": "جهة", "en": "actor"},
               "place": {"ar": "مكان", "en": "place"},
               "source": {"ar": "جملة بُني عليها حادث", "en": "sentence behind an incident"},
               "actor_event": {"ar": "جهة في الحادث", "en": "actor in the incident"},
               "place_event": {"ar": "مكان الحادث", "en": "place of the incident"},
               "place_dateline": {"ar": "مكان سطر التاريخ", "en": "dateline place"}},
    "slot": {"mention": {"ar": "ذكر الحدث", "en": "mention"}, "date": {"ar": "التاريخ", "en": "date"},
             "event_type": {"ar": "النوع", "en": "type"}, "place": {"ar": "المكان", "en": "place"},
             "weapon": {"ar": "السلاح", "en": "weapon"}, "perpetrator": {"ar": "المنفّذ", "en": "perpetrator"},
             "claimed_by": {"ar": "المتبنّي", "en": "claimed by"}, "target": {"ar": "الهدف", "en": "target"},
             "killed": {"ar": "القتلى", "en": "killed"}, "wounded": {"ar": "الجرحى", "en": "wounded"},
             "outcome": {"ar": "النتيجة", "en": "outcome"}},
    "stage": {"read": {"ar": "القراءة", "en": "reading"}, "decode": {"ar": "فك الترميز", "en": "decoding"},
              "language": {"ar": "اللغة", "en": "language"}, "size": {"ar": "الحجم", "en": "size"},
              "metadata": {"ar": "البيانات الوصفية", "en": "metadata"}, "duplicate_id": {"ar": "رقم مكرر", "en": "duplicate id"},
              "extract": {"ar": "الاستخراج", "en": "extraction"}},
    "date_precision": {"day": {"ar": "يوم", "en": "day"}, "range": {"ar": "نطاق أيام", "en": "range of days"},
                       "month": {"ar": "شهر", "en": "month"}, "year": {"ar": "سنة", "en": "year"},
                       "unknown": {"ar": "غير معروف", "en": "unknown"}},
    "date_basis": {"text": {"ar": "من الجملة نفسها", "en": "from the sentence"},
                   "published": {"ar": "تاريخ نشر المقالة", "en": "the article's publication date"}},
    "outcome": {"intercepted": {"ar": "اعتُرض", "en": "intercepted"}},
    "role": {"event": {"ar": "في الحادث", "en": "in the incident"}, "dateline": {"ar": "سطر التاريخ", "en": "dateline"},
             "background": {"ar": "خلفية", "en": "background"}},
    "entity_kind": {"actor": {"ar": "جهة", "en": "actor"}, "place": {"ar": "مكان", "en": "place"}},
}

# Countries are named in the places table when the gazetteer has them; these cover the ones it may not.
COUNTRY_AR = {"Iraq": "العراق", "Syria": "سوريا", "Jordan": "الأردن", "Iran": "إيران", "United States": "الولايات المتحدة",
              "Kuwait": "الكويت", "Israel": "إسرائيل", "Lebanon": "لبنان", "Yemen": "اليمن"}

NAME_COLUMNS = ("factions", "perpetrator", "claimed_by", "target", "place", "country", "location", "parent", "name", "group")
CODE_COLUMNS = {"event_type": "event_type", "weapon": "weapon", "qualifier": "qualifier", "kind": "kind", "outcome": "outcome",
                "force": "force", "actor_type": "actor_type", "place_type": "place_type"}


def t(key: str, lang: str, **values) -> str:
    text = STRINGS[key][lang]
    return text.format(**values) if values else text


def column_label(column: str, lang: str) -> str:
    return COLUMN_LABELS.get(column, {}).get(lang, column)


def code_label(group: str, code: str, lang: str) -> str:
    return CODE_LABELS.get(group, {}).get(code, {}).get(lang, code)


class Names:
    """Display names of actors, places and countries (keyed by name_en) in one language."""

    def __init__(self, actors: pd.DataFrame, places: pd.DataFrame, lang: str) -> None:
        self.lang = lang
        self.arabic: dict[str, str] = dict(COUNTRY_AR)
        self.actor_by_id = dict(zip(actors["actor_id"], actors["name_en"]))
        for table in (places, actors):
            known = table[(table["name_en"] != "") & (table["name_ar"] != "")]
            self.arabic.update(zip(known["name_en"], known["name_ar"]))

    def __call__(self, name_en: str) -> str:
        if self.lang == "en" or not name_en:
            return name_en
        return "؛ ".join(self.arabic.get(part, part) for part in str(name_en).split("; "))

    def label(self, column: str, value) -> str:
        """How one cell value of `column` reads in this language (names, codes, actor ids)."""
        if not isinstance(value, str):
            return "" if value is None or value is pd.NA else str(value)
        if column == "actor_id":
            return self(self.actor_by_id.get(value, value))
        if value == "unknown" or column in CODE_COLUMNS:
            return code_label(CODE_COLUMNS.get(column, "weapon"), value, self.lang)
        return self(value)

    def frame(self, frame: pd.DataFrame) -> pd.DataFrame:
        """The frame with names and codes shown in this language (for display only, never for export)."""
        shown = frame.copy()
        for column in shown.columns:
            if column in NAME_COLUMNS:
                shown[column] = shown[column].map(lambda v: self(v) if isinstance(v, str) else v)
            elif column in CODE_COLUMNS:
                group = CODE_COLUMNS[column]
                shown[column] = shown[column].map(lambda v, g=group: code_label(g, v, self.lang) if isinstance(v, str) else v)
        return shown
