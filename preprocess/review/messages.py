"""Review problems as message keys with their Arabic and English text, so every page can say them in its language."""
from __future__ import annotations

from dataclasses import dataclass, field

# key -> (English, Arabic); {placeholders} are filled from Problem.params
MESSAGES: dict[str, tuple[str, str]] = {
    "token_required": ("Review actions need the review token.",
                       "إجراءات المراجعة تتطلب رمز المراجعة."),
    "reviewer_missing": ("Enter your name as reviewer before reviewing.",
                         "أدخل اسمك بصفتك مراجعاً قبل المراجعة."),
    "reviewer_too_long": ("The reviewer name is longer than {limit} characters.",
                          "اسم المراجع أطول من {limit} حرفاً."),
    "note_too_long": ("The note is longer than {limit} characters.",
                      "الملاحظة أطول من {limit} حرف."),
    "kind_unknown": ("'{value}' is not a review action (confirm, correct, reject, merge, split, add).",
                     "'{value}' ليس إجراء مراجعة (تأكيد، تصحيح، رفض، دمج، فصل، إضافة)."),
    "table_unknown": ("'{value}' is not a reviewed table (incidents, troops, attack_counts).",
                      "'{value}' ليس جدولاً قابلاً للمراجعة (الحوادث، أعداد القوات، حصيلة الهجمات)."),
    "row_gone": ("Row {row} no longer exists (the tables were rebuilt): reload the page and try again.",
                 "السطر {row} لم يعد موجوداً (أعيد بناء الجداول): أعد تحميل الصفحة وحاول مجدداً."),
    "article_gone": ("Article {article} is not in the current tables.",
                     "المقال {article} غير موجود في الجداول الحالية."),
    "field_unknown": ("{field} cannot be reviewed on {table}.",
                      "لا يمكن مراجعة الحقل {field} في الجدول {table}."),
    "nothing_to_correct": ("A correction needs at least one field with its new value.",
                           "التصحيح يتطلب حقلاً واحداً على الأقل مع قيمته الجديدة."),
    "date_invalid": ("{field}: '{value}' is not a date (YYYY-MM-DD, YYYY-MM or YYYY).",
                     "{field}: '{value}' ليس تاريخاً (YYYY-MM-DD أو YYYY-MM أو YYYY)."),
    "precision_mismatch": ("{field}: the precision '{value}' does not match the date '{date}' ({expected}).",
                           "{field}: الدقة '{value}' لا تطابق التاريخ '{date}' ({expected})."),
    "number_invalid": ("{field}: '{value}' is not a whole number.",
                       "{field}: '{value}' ليس عدداً صحيحاً."),
    "number_negative": ("{field}: {value} is negative.",
                        "{field}: القيمة {value} سالبة."),
    "number_absurd": ("{field}: {value} is more than {limit}; check the figure.",
                      "{field}: القيمة {value} أكبر من {limit}؛ تحقق من الرقم."),
    "choice_invalid": ("{field}: '{value}' is not one of: {choices}.",
                       "{field}: '{value}' ليست من القيم المقبولة: {choices}."),
    "place_unknown": ("{field}: '{value}' is not a place in the gazetteer.",
                      "{field}: '{value}' ليس مكاناً في المعجم الجغرافي."),
    "country_unknown": ("{field}: '{value}' is not a known country.",
                        "{field}: '{value}' ليس بلداً معروفاً."),
    "actor_unknown": ("{field}: '{value}' is not an actor or faction in the actors table.",
                      "{field}: '{value}' ليس فاعلاً أو فصيلاً في جدول الفاعلين."),
    "text_too_long": ("{field} is longer than {limit} characters.",
                      "{field} أطول من {limit} حرفاً."),
    "value_required": ("{field} is required to add a row to {table}.",
                       "الحقل {field} مطلوب لإضافة سطر إلى {table}."),
    "reason_invalid": ("A rejection needs a reason: not_an_event, out_of_scope or duplicate (got '{value}').",
                       "الرفض يتطلب سبباً: ليس حدثاً، خارج النطاق، أو مكرر (القيمة: '{value}')."),
    "merge_table": ("Only incidents can be merged or split.",
                    "لا يمكن دمج أو فصل إلا الحوادث."),
    "merge_self": ("A row cannot be merged with itself.",
                   "لا يمكن دمج السطر مع نفسه."),
    "merge_cycle": ("{row} already stands for {other}: merging them back would make a loop.",
                    "السطر {row} يمثل السطر {other} بالفعل: دمجهما عكسياً يصنع حلقة."),
    "not_merged": ("Row {row} is not merged into another: there is nothing to split.",
                   "السطر {row} غير مدموج في سطر آخر: لا شيء للفصل."),
    "span_invalid": ("The span {start}-{end} is not inside article {article} (length {length}).",
                     "المدى {start}-{end} ليس داخل المقال {article} (طوله {length})."),
    "already_present": ("This figure is already row {row}: confirm or correct it instead of adding it.",
                        "هذا الرقم موجود بالفعل في السطر {row}: أكّده أو صحّحه بدلاً من إضافته."),
    # import and the log
    "line_invalid": ("line {line}: {detail}",
                     "السطر {line}: {detail}"),
    "id_conflict": ("line {line}: action {action_id} is already in the log with other content.",
                    "السطر {line}: الإجراء {action_id} موجود في السجل بمحتوى مختلف."),
    "key_unknown": ("line {line}: row {row_key} is not in this table set (kept, listed as orphaned).",
                    "السطر {line}: السطر {row_key} غير موجود في هذه الجداول (حُفظ وأُدرج ضمن المراجعات اليتيمة)."),
    "store_newer": ("The review database {path} was written by a newer Rasid (schema {found}, this one knows {known}).",
                    "قاعدة بيانات المراجعة {path} كتبها إصدار أحدث من راصد (المخطط {found}، وهذا يعرف {known})."),
    # orphans: why a review no longer attaches
    "orphan_article_changed": ("The article changed or was removed: its text is no longer in the tables.",
                               "تغيّر المقال أو حُذف: نصه لم يعد في الجداول."),
    "orphan_row_gone": ("The extractor no longer gives this row.",
                        "لم يعد المستخرج يعطي هذا السطر."),
    "orphan_merge_target_gone": ("The incident it was merged into no longer exists.",
                                 "الحادثة التي دُمج فيها لم تعد موجودة."),
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a review action: a message key and its values."""
    key: str
    params: dict = field(default_factory=dict)

    def message(self, lang: str = "en") -> str:
        en, ar = MESSAGES[self.key]
        return (ar if lang == "ar" else en).format(**self.params)

    @property
    def en(self) -> str:
        return self.message("en")

    @property
    def ar(self) -> str:
        return self.message("ar")


class ReviewError(Exception):
    """An action was refused and nothing was written; `problems` says every reason (message keys, both languages)."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.en for p in problems))
        self.problems = problems


def message(key: str, lang: str = "en", **params) -> str:
    """The text of a message key (for orphan problems and the like) in `lang` ('ar' or 'en')."""
    return Problem(key, params).message(lang)
