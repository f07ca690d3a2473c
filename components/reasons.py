"""Upload statuses and skip reasons in the page's language: the build and the upload checks write them in English (and
the CSV keeps them so); for display they are matched against a table of patterns, else described by their stage (no Streamlit)."""
from __future__ import annotations

import re

from components import safe

# Isolates around a value inside a sentence: a file name or path reads left to right (its slashes stay where they are),
# an id in its own direction; either way it cannot reorder the Arabic around it. Added after safe.shown has removed any
# bidi control the value itself carried.
LTR_ISOLATE, FIRST_STRONG_ISOLATE, POP_ISOLATE = "\u2066", "\u2068", "\u2069"


def as_path(value) -> str:
    """A file name or path shown left to right inside any text."""
    return f"{LTR_ISOLATE}{safe.shown(value)}{POP_ISOLATE}"


def as_value(value) -> str:
    """An id or quoted value shown in its own direction inside any text."""
    return f"{FIRST_STRONG_ISOLATE}{safe.shown(value)}{POP_ISOLATE}"


def size_text(n_bytes: int, lang: str) -> str:
    """1.5 MB / 12 KB, with the unit in the page's language."""
    if n_bytes >= 2**20:
        number, unit = f"{n_bytes / 2**20:.1f}".removesuffix(".0"), {"ar": "ميغابايت", "en": "MB"}[lang]
    else:
        number, unit = f"{-(-n_bytes // 1024)}", {"ar": "كيلوبايت", "en": "KB"}[lang]
    return f"{number} {unit}"


def _megabytes_ar(text: str) -> str:
    return re.sub(r"([0-9][0-9.,]*) ?MB", r"\1 ميغابايت", text)


NUMBER = r"[0-9][0-9,.]*"
SIZE = rf"{NUMBER} MB"
QUOTED = r"'(?:[^']|'(?! ))*?'"

# (pattern over the whole English reason, Arabic template). Named groups fill the template: `file*` groups are shown as
# paths, `id*` groups as values, `size*` groups get an Arabic unit, `inner` is translated again, others are kept as they are.
PATTERNS: list[tuple[str, str]] = [
    # what happened to an accepted upload (preprocess.uploads.save_accepted)
    (r"(?P<file>.+): saved", "{file}: حُفظ"),
    (r"(?P<file>.+): already there with the same content; not saved again(?: \(as (?P<file2>.+)\))?",
     "{file}: موجود من قبل بالمحتوى نفسه، فلم يُحفظ ثانية"),
    (r"(?P<file>.+): a different file has that name; saved as (?P<file2>.+)",
     "{file}: يحمل ملف آخر هذا الاسم، فحُفظ باسم {file2}"),
    # refused before saving (preprocess.uploads.check_uploads and the zip checks)
    (r"name is empty once unsafe characters are removed", "لا يبقى من الاسم شيء بعد حذف الأحرف غير الآمنة"),
    (rf"too large: (?P<size>{SIZE}) > (?P<size2>{SIZE})", "كبير جداً: {size}، والحد {size2}"),
    (rf"too large when unpacked: (?P<size>{SIZE}) > (?P<size2>{SIZE})", "كبير جداً بعد فك الضغط: {size}، والحد {size2}"),
    (r"unsupported file type \(no extension\)(?: \(accepted: (?P<file2>[^)]*)\))?", "نوع ملف غير مدعوم: بلا امتداد"),
    (r"unsupported file type (?P<file>\S+)(?: \(accepted: (?P<file2>[^)]*)\))?", "نوع ملف غير مدعوم: {file}"),
    (rf"too many files: the limit is (?P<n>{NUMBER}) per upload", "ملفات أكثر من اللازم: الحد {n} ملف في الرفعة الواحدة"),
    (rf"upload too large in total: over (?P<size>{SIZE})", "حجم الرفعة كلها أكبر من {size}"),
    (rf"over this session's upload allowance of (?P<size>{SIZE}) \((?P<size2>{SIZE}) already added\)",
     "يتجاوز ما تسمح به هذه الجلسة ({size})، وقد أُضيف فيها {size2}"),
    (r"absolute path in zip entry", "مسار مطلق داخل الملف المضغوط"),
    (r"path with '\.\.' in zip entry", "مسار يصعد خارج الملف المضغوط (..)"),
    (r"symbolic link in zip", "رابط رمزي داخل الملف المضغوط"),
    (r"encrypted zip entry", "ملف مشفّر داخل الملف المضغوط"),
    (rf"compression ratio (?P<n>{NUMBER}):1 is over the (?P<n2>{NUMBER}):1 limit \(possible zip bomb\)",
     "نسبة الضغط {n}:1 تتجاوز الحد {n2}:1 (قد يكون ملفاً مضغوطاً مفخخاً)"),
    (rf"unpacks to more than (?P<size>{SIZE}); stopped", "يتجاوز {size} عند فك الضغط، فأُوقف"),
    (rf"compression ratio over the (?P<n>{NUMBER}):1 limit while unpacking \(possible zip bomb\); stopped",
     "تجاوزت نسبة الضغط الحد {n}:1 أثناء فك الضغط (قد يكون ملفاً مضغوطاً مفخخاً)، فأُوقف"),
    (r"damaged zip entry: .*", "ملف تالف داخل الملف المضغوط"),
    (r"not a valid zip file.*", "ليس ملفاً مضغوطاً صالحاً"),
    (rf"zip holds (?P<n>{NUMBER}) entries; the limit is (?P<n2>{NUMBER}) files per upload",
     "في الملف المضغوط {n} ملفاً، والحد {n2} ملف في الرفعة الواحدة"),
    (r"nested zip files are not expanded", "لا يُفك ملف مضغوط داخل ملف مضغوط"),
    # refused because the build would skip it (preprocess.uploads.refuse_what_the_build_skips)
    (rf"the build would skip it: (?P<inner>.+?) \(and (?P<n>{NUMBER}) more\)", "سيتخطاه البناء: {inner} (ومعه {n} غيره)"),
    (r"the build would skip it: (?P<inner>.+)", "سيتخطاه البناء: {inner}"),
    (r"no article in it", "لا مقالة فيه"),
    (rf"article id (?P<id>{QUOTED}) is a bundled article's \((?P<file>.+)\); the build would skip this file: rename it",
     "رقم المقالة {id} هو رقم مقالة مرفقة بالتطبيق ({file})، فسيتخطى البناء هذا الملف: غيّر اسمه"),
    (rf"article id (?P<id>{QUOTED}) is taken by (?P<file>.+); the build would skip one of them: rename it",
     "رقم المقالة {id} مستخدم في {file}، فسيتخطى البناء أحدهما: غيّر اسمه"),
    # removing uploads (preprocess.uploads.remove_uploads)
    (r"not a plain file name in the user folder; nothing removed", "ليس اسم ملف في مجلد المستخدم، فلم يُحذف شيء"),
    (r"not an article file; nothing removed", "ليس ملف مقالة، فلم يُحذف شيء"),
    (r"not in the user folder; nothing removed", "ليس في مجلد المستخدم، فلم يُحذف شيء"),
    (r"not a regular file in the user folder; nothing removed", "ليس ملفاً عادياً في مجلد المستخدم، فلم يُحذف شيء"),
    (r"could not be removed: .*", "تعذّر حذفه"),
    # the build's own reasons (preprocess.ingest)
    (r"empty file: only whitespace", "ملف فارغ: لا شيء فيه غير المسافات"),
    (r"empty file: no article text found in the page", "ملف فارغ: لا نص مقالة في الصفحة"),
    (r"empty (?:file|text)(?:: .*)?", "نص فارغ"),
    (r"binary file: (?P<n>[0-9]+%) control characters", "ملف ثنائي: {n} منه محارف تحكم"),
    (rf"binary file: (?P<n>{NUMBER}) NUL bytes and no UTF-16 byte-order mark", "ملف ثنائي: فيه {n} بايت صفري"),
    (r"binary file: NUL bytes in a JSON Lines file", "ملف ثنائي: بايتات صفرية في ملف سطور"),
    (rf"not Arabic: (?P<n>{NUMBER}) Arabic letters of (?P<n2>{NUMBER})", "ليس نصاً عربياً: {n} حرفاً عربياً من أصل {n2}"),
    (r"not a regular file", "ليس ملفاً عادياً"),
    (r"a symbolic link to a file outside the input folder", "رابط رمزي إلى ملف خارج مجلد الإدخال"),
    (r"a folder: sub-folders are not read", "مجلد: لا تُقرأ المجلدات الفرعية"),
    (r"cannot be opened: .*", "تعذّر فتحه"),
    (r"could not be read: .*; ignored", "تعذّرت قراءته، فأُهمل"),
    (r"could not be read: .*", "تعذّرت قراءته"),
    (rf"undecodable: starts with a \S+ byte-order mark but has (?P<n>{NUMBER}) invalid sequences",
     "تعذّر فك ترميزه: فيه {n} تسلسلاً غير صالح رغم علامة ترتيب البايتات في أوله"),
    (r"undecodable: .*", "تعذّر فك ترميزه: ليس بأي ترميز عربي يقرؤه البناء"),
    (rf"line is not valid UTF-8 \(byte (?P<n>{NUMBER})\)", "سطر بترميز غير صالح (عند البايت {n})"),
    (r"invalid JSON: .*", "سطر لا يُقرأ: بياناته غير صالحة"),
    (r"not a JSON object but a \w+", "سطر لا يُقرأ: ليس سجلاً"),
    (r"no text field", "لا حقل للنص في السطر"),
    (r"text is a \w+, not a string", "حقل النص ليس نصاً"),
    (rf"(?P<n>{NUMBER}) more bad or flagged lines not listed", "و{n} سطراً آخر لا يُقرأ، لم تُذكر هنا"),
    (rf"duplicate article_id (?P<id>{QUOTED}): already read from (?P<file>.+); this one is skipped",
     "رقم المقالة {id} مكرر: قُرئ من قبل من {file}، فتُخطّي هذا"),
    (r"file name is not valid UTF-8.*", "اسم الملف ليس بترميز صالح: عُرضت بايتاته غير المقروءة بعلامة بديلة"),
    # metadata.csv (preprocess.ingest)
    (rf"metadata\.csv too large: (?P<size>{SIZE}) > (?P<size2>{SIZE}); ignored",
     "ملف البيانات الوصفية كبير جداً ({size}، والحد {size2})، فأُهمل"),
    (rf"metadata\.csv too long: more than (?P<n>{NUMBER}) rows; ignored", "ملف البيانات الوصفية طويل جداً (أكثر من {n} صف)، فأُهمل"),
    (r"metadata\.csv header cannot be read .*", "تعذّرت قراءة رأس ملف البيانات الوصفية، فأُهمل"),
    (r"metadata\.csv has no article_id column .*", "لا عمود لرقم المقالة في ملف البيانات الوصفية، فأُهمل"),
    (r"unknown columns ignored: .*", "أُهملت أعمدة غير معروفة في ملف البيانات الوصفية"),
    (rf"unreadable from row (?P<n>{NUMBER}) on .*", "ملف البيانات الوصفية لا يُقرأ من الصف {n}، واستُعملت الصفوف قبله"),
    (rf"row has no article_id \(row (?P<n>{NUMBER})\)", "صف بلا رقم مقالة (الصف {n})"),
    (rf"duplicate article_id (?P<id>{QUOTED}) \(row (?P<n>{NUMBER})\); row (?P<n2>{NUMBER}) is used",
     "رقم المقالة {id} مكرر (الصف {n})، واستُعمل الصف {n2}"),
    (rf"url (?P<id>{QUOTED}) is not an http\(s\) address \(row (?P<n>{NUMBER})\)", "الرابط {id} ليس عنوان ويب (الصف {n})"),
    (rf"published (?P<id>{QUOTED}) is not a date \(row (?P<n>{NUMBER})\)", "تاريخ النشر {id} ليس تاريخاً (الصف {n})"),
    (rf"published (?P<id>{QUOTED}) .*is not a date", "تاريخ النشر {id} ليس تاريخاً"),
    (rf"no article file for article_id (?P<id>{QUOTED}) \(row (?P<n>{NUMBER})\)", "لا ملف مقالة برقم {id} (الصف {n})"),
    (rf"(?P<n>{NUMBER}) more metadata\.csv problems not listed", "و{n} مشكلة أخرى في ملف البيانات الوصفية لم تُذكر هنا"),
]
_COMPILED = [(re.compile(pattern, re.DOTALL), template) for pattern, template in PATTERNS]

# When no pattern matches: what the stage the build names says, in Arabic.
STAGE_FALLBACK_AR = {
    "read": "تعذّرت قراءة الملف", "decode": "تعذّر فك ترميز الملف", "language": "النص ليس عربياً",
    "size": "الملف كبير جداً", "metadata": "مشكلة في ملف البيانات الوصفية", "duplicate_id": "رقم مقالة مكرر",
    "extract": "تعذّر الاستخراج من هذه المقالة",
}
UNKNOWN_AR = "رُفض الملف"


def _fill(group: str, value: str | None) -> str:
    if value is None:
        return ""
    if group.startswith("file"):
        return as_path(value)
    if group.startswith("id"):
        return as_value(value)
    if group.startswith("size"):
        return _megabytes_ar(value)
    if group == "inner":
        return reason_text(value, "", "ar")
    return value


def reason_text(reason, stage: str, lang: str) -> str:
    """A reason (or an upload note) as the page shows it: as written in English; in Arabic from the pattern table, else from
    its stage. Every value taken from it (file names, ids) is plain text without bidi controls of its own."""
    text = safe.shown(reason, limit=1000)
    if lang != "ar":
        return text
    for pattern, template in _COMPILED:
        match = pattern.fullmatch(text)
        if match:
            return template.format(**{group: _fill(group, value) for group, value in match.groupdict().items()})
    return STAGE_FALLBACK_AR.get(str(stage or ""), UNKNOWN_AR)
