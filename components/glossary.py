"""The /method page's words: tables and columns (English from preprocess/schemas.py, Arabic here), how extraction works and
where it fails, and the names of the measured figures; no figure is written here, they are read from the evaluation file."""
from __future__ import annotations

from preprocess import schemas

TABLE_MEANING: dict[str, dict[str, str]] = {
    "articles": {"ar": "مقالة واحدة في كل صف: نصها كما قُرئ، وعنوانها ومصدرها وتاريخ نشرها.",
                 "en": "One row per article: its text as read, its title, outlet and publication date."},
    "incidents": {"ar": "حادث واحد في كل صف: هجوم على القوات الأميركية أو قوات التحالف، أو ضربة أميركية على الفصائل، كما روته مقالة واحدة.",
                  "en": "One row per incident as one article reports it: an attack on US or coalition forces, or a US strike on factions."},
    "incident_sources": {"ar": "كل جملة بُني عليها حادث، وما أعطته له (ذكر الحدث، التاريخ، المكان، السلاح، القتلى ...).",
                         "en": "Every sentence behind an incident, and which of its values that sentence gave (the mention, date, place, weapon, killed ...)."},
    "troops": {"ar": "رقم واحد لعدد القوات في كل صف، مع دقته ومكانه وتاريخه والجملة التي جاء منها.",
               "en": "One troop figure per row, with its precision, place, date and the sentence it came from."},
    "attack_counts": {"ar": "حصيلة هجمات تذكرها مقالة (مثلاً: 150 هجوماً منذ تشرين الأول)، مع الفترة التي تغطيها.",
                      "en": "An attack tally an article reports (for example 150 attacks since October), with the period it covers."},
    "actors": {"ar": "الجهات من المعجم الجغرافي ومن النصوص: الفصائل ومظلاتها والدول والقوات والأشخاص.",
               "en": "Actors from the gazetteer and from the texts: factions and their umbrellas, states, forces, people."},
    "places": {"ar": "الأماكن من المعجم الجغرافي: القواعد والمدن والمحافظات والبلدان، بإحداثياتها ومصدر الإحداثيات.",
               "en": "Places from the gazetteer: bases, cities, provinces and countries, with coordinates and where they come from."},
    "mentions": {"ar": "كل موضع في نص مقالة ذُكرت فيه جهة أو مكان، ودوره في ما جرى.",
                 "en": "Every place in an article's text where an actor or a place is named, and its role in what happened."},
    "rejects": {"ar": "الملفات التي تخطاها البناء وسبب تخطي كل منها.",
                "en": "Files the build skipped, and why."},
}

COLUMN_MEANING_AR: dict[str, dict[str, str]] = {
    "articles": {
        "article_id": "اسم ملف المقالة بلا امتداد (أو رقم السجل في ملف السطور)؛ المفتاح الذي تشير إليه الجداول الأخرى كلها.",
        "title": "العنوان من البيانات الوصفية، وإلا عنوان الصفحة، وإلا أول سطر قصير في النص؛ قد يكون فارغاً.",
        "source": "الوسيلة الإعلامية من البيانات الوصفية، وإلا ما يُعرف من توقيع النص؛ قد يكون فارغاً.",
        "url": "رابط المقالة من البيانات الوصفية؛ قد يكون فارغاً.",
        "published": "تاريخ النشر (سنة-شهر-يوم، أو سنة-شهر أو سنة فقط حين لا يُعرف غيرهما)؛ فارغ إن لم يُعرف.",
        "published_precision": "دقة تاريخ النشر: يوم أو شهر أو سنة أو غير معروف.",
        "published_source": "من أين جاء تاريخ النشر: البيانات الوصفية، أو سطر التاريخ في المقالة، أو الرابط، أو استُنتج من آخر حدث مؤرخ في النص.",
        "text": "نص المقالة كما حُفظ بعد فك الترميز؛ إليه تشير كل مواضع البداية والنهاية.",
        "content_hash": "بصمة النص (SHA-256)؛ لا يُعاد الاستخراج من مقالة لم يتغير نصها.",
        "duplicate_of": "رقم مقالة سابقة لها النص نفسه أو ما يقاربه؛ فارغ إن لم توجد.",
        "n_sentences": "عدد الجمل التي قُسّم إليها النص.",
        "warnings": "ملاحظات على المقالة (مثلاً تاريخ في النص يقع بعد تاريخ النشر).",
    },
    "incidents": {
        "incident_id": "رقم ثابت: رقم المقالة وموضع الجملة التي جاء منها تاريخ الحادث (وإلا أول ذكر له).",
        "article_id": "المقالة التي قُرئ منها الحادث.",
        "event_key": "قيمة واحدة للحدث الواقعي نفسه حين ترويه عدة مقالات (أو ترويه مقالة مرتين)؛ بها تُعدّ الأحداث لا التقارير.",
        "date": "تاريخ الحدث بالدقة التي يذكرها النص فقط: يوم أو شهر أو سنة؛ فارغ إن لم يُعرف.",
        "date_precision": "دقة التاريخ: يوم، أو نطاق أيام (التاريخ أولها وتاريخ النهاية آخرها)، أو شهر، أو سنة، أو غير معروف.",
        "date_end": "آخر يوم في نطاق أيام («بين 28 و30 كانون الثاني»)؛ فارغ في غير ذلك.",
        "year": "سنة الحدث؛ فارغة إن لم تُعرف.",
        "date_basis": "مصدر التاريخ: الجملة نفسها تؤرخ الحدث، أو خبر بلا تاريخ خاص فأُخذ تاريخ نشر المقالة.",
        "event_type": "هجوم (على القوات الأميركية أو قوات التحالف أو منشآتها) أو ضربة (أميركية أو للتحالف على الفصائل) أو غير ذلك.",
        "weapon": "السلاح: صواريخ، طائرة مسيّرة، صاروخ باليستي، عبوة ناسفة، غارة جوية، أو غير معروف.",
        "perpetrator": "الجهة المنفّذة (في الضربات: الولايات المتحدة)؛ فارغ إن لم تُعرف.",
        "claimed_by": "الجماعة التي تبنّت العملية، حين يقول النص إنها تبنّتها.",
        "target": "ما أصيب: قاعدة، أو القوات الأميركية، أو في الضربات الفصائل والأشخاص المستهدفون.",
        "factions": "كل فصيل له صلة بالحادث (منفّذ أو متبنٍّ أو مستهدف)؛ هذا ما يطابقه عامل تصفية الفصيل.",
        "place": "أدق مكان يذكره النص للحدث؛ فارغ إن لم يُذكر.",
        "country": "بلد المكان؛ أو البلدان التي يذكرها النص حين لا مكان؛ وإلا البلد الرئيسي في المقالة.",
        "lat": "خط عرض المكان من المعجم الجغرافي.",
        "lon": "خط طول المكان من المعجم الجغرافي.",
        "killed": "عدد القتلى كما ذُكر؛ فارغ حين لا يذكر النص رقماً (وصفر فقط حين يقول إنه لا إصابات).",
        "wounded": "عدد الجرحى كما ذُكر؛ فارغ حين لا يذكر النص رقماً.",
        "outcome": "اعتُرض (أُسقطت المسيّرة أو الصاروخ)، أو فارغ (أصاب، أو لم يُذكر).",
        "quote": "الجملة التي قُرئ منها الحادث (التي أرّخته، وإلا أول ذكر له)، كما هي في نص المقالة؛ كل الجمل وراءه في جدول مصادر الحوادث.",
        "start": "موضع بداية الجملة في نص المقالة.",
        "end": "موضع نهاية الجملة في نص المقالة.",
    },
    "incident_sources": {
        "incident_id": "الحادث الذي يشرحه الصف.",
        "article_id": "مقالة الحادث.",
        "slot": "ما أعطته هذه الجملة للحادث: ذكر الحدث، أو التاريخ، أو المكان، أو السلاح، أو المنفّذ، أو المتبنّي، أو الهدف، أو القتلى، أو الجرحى، أو النتيجة، أو النوع.",
        "start": "موضع بداية الجملة في نص المقالة.",
        "end": "موضع نهايتها.",
        "quote": "نص الجملة كما هو في المقالة.",
    },
    "troops": {
        "troop_id": "رقم ثابت: رقم المقالة وموضع العدد.",
        "article_id": "المقالة التي قُرئ منها الرقم.",
        "value": "عدد الجنود.",
        "qualifier": "دقة الرقم: محدد، أو تقريبي (نحو)، أو حد أعلى (أقل من)، أو حد أدنى (أكثر من، على الأقل).",
        "force": "قوات من: الأميركية، أو التحالف، أو قوة أخرى تُذكر بجانب الرقم.",
        "location": "البلد أو القاعدة التي ينطبق عليها الرقم؛ فارغ إن لم تُذكر.",
        "kind": "نوع الرقم: عدد قائم، أو انسحاب، أو انتشار، أو خطة.",
        "date": "التاريخ الذي ينطبق عليه الرقم: تاريخ في عبارته، وإلا تاريخ المقالة.",
        "date_precision": "دقة التاريخ: يوم أو شهر أو سنة أو غير معروف.",
        "year": "السنة التي ينطبق عليها الرقم؛ فارغة إن لم تُعرف.",
        "quote": "الجملة التي جاء منها الرقم.",
        "start": "موضع بداية عبارة العدد في نص المقالة.",
        "end": "موضع نهاية عبارة العدد.",
        "sentence_start": "موضع بداية الجملة.",
        "sentence_end": "موضع نهاية الجملة.",
    },
    "attack_counts": {
        "count_id": "رقم ثابت: رقم المقالة وموضع العدد.",
        "article_id": "المقالة التي قُرئت منها الحصيلة.",
        "count": "عدد الهجمات الذي يذكره النص.",
        "qualifier": "دقة الرقم: محدد، أو تقريبي، أو حد أعلى، أو حد أدنى.",
        "period_start": "بداية الفترة التي تغطيها الحصيلة بدقة النص؛ فارغة إن لم تُذكر.",
        "period_end": "نهاية الفترة؛ تاريخ المقالة حين يقول النص «حتى الآن»؛ فارغة إن لم تُعرف.",
        "country": "البلد الذي تغطيه الحصيلة؛ فارغ إن لم يُذكر.",
        "location": "القاعدة أو المكان الذي تغطيه الحصيلة؛ فارغ إن لم يُذكر.",
        "quote": "الجملة التي جاءت منها الحصيلة.",
        "start": "موضع بداية عبارة العدد في نص المقالة.",
        "end": "موضع نهاية عبارة العدد.",
        "sentence_start": "موضع بداية الجملة.",
        "sentence_end": "موضع نهاية الجملة.",
    },
    "actors": {
        "actor_id": "رقم الجهة في المعجم الجغرافي، أو رقم جديد لجماعة وردت في النص ولا يعرفها المعجم.",
        "name_en": "الاسم الإنجليزي كما يكتبه المحللون.",
        "name_ar": "الاسم العربي.",
        "actor_type": "الصفة: فصيل مسلح، أو دولة، أو قوات مسلحة، أو شخص، أو منظمة.",
        "parent": "المظلة التي ينتمي إليها الفصيل (الحشد الشعبي، المقاومة الإسلامية في العراق ...)؛ فارغ إن لم توجد.",
        "in_gazetteer": "لا، لجماعة وردت في النص ولا يعرفها المعجم (قد تكون واجهة جديدة).",
        "is_faction": "نعم، للجماعات المسلحة التي يعدّها المحللون فصائل: كل فصيل مسلح (ومنها حزب الله اللبناني) والحرس الثوري الإيراني وفيلق القدس.",
        "aliases_ar": "أسماء عربية أخرى من المعجم.",
        "n_mentions": "عدد مرات ذكرها في المقالات.",
        "n_articles": "عدد المقالات التي تذكرها.",
        "first_seen": "أول مقالة (بترتيب الأرقام) تذكرها؛ فارغ إن لم تُذكر.",
    },
    "places": {
        "place_id": "رقم المكان في المعجم الجغرافي.",
        "name_en": "الاسم الإنجليزي.",
        "name_ar": "الاسم العربي.",
        "place_type": "الصفة: قاعدة، أو مدينة، أو محافظة، أو بلد، أو منشأة، أو منطقة.",
        "country": "البلد الذي يقع فيه المكان.",
        "lat": "خط العرض.",
        "lon": "خط الطول.",
        "coord_source": "مصدر الإحداثيات.",
        "n_mentions": "عدد مرات ذكره في المقالات.",
        "n_articles": "عدد المقالات التي تذكره.",
        "n_event_mentions": "عدد مرات ذكره مكاناً وقع فيه حادث.",
        "n_event_articles": "عدد المقالات التي تروي حادثاً وقع فيه.",
    },
    "mentions": {
        "mention_id": "رقم ثابت: رقم المقالة وموضع الذكر.",
        "article_id": "مقالة الذكر.",
        "entity_id": "رقم الجهة أو المكان.",
        "entity_kind": "جهة أو مكان.",
        "surface": "النص كما كُتب في المقالة.",
        "start": "موضع البداية في نص المقالة.",
        "end": "موضع النهاية.",
        "sentence_start": "موضع بداية الجملة التي فيها الذكر.",
        "sentence_end": "موضع نهاية تلك الجملة.",
        "role": "الدور: في الحدث (مكان حادث أو منفّذه أو متبنّيه أو هدفه، في جملة بُني عليها)، أو سطر التاريخ (المكان الذي تؤرَّخ منه المقالة)، أو خلفية (ذُكر ولم يقع فيه شيء أو منه).",
    },
    "rejects": {
        "file": "اسم الملف (أو الملف ورقم السطر لسجل في ملف سطور، أو رقم الصف لمشكلة في ملف البيانات الوصفية).",
        "reason": "سبب تخطي الملف أو إهمال الصف، في سطر واحد.",
        "stage": "المرحلة: القراءة، فك الترميز، اللغة، الحجم، البيانات الوصفية، رقم مكرر، الاستخراج.",
    },
}

# How extraction works and where it fails, in words (README "How extraction works, and its limits").
METHOD_TEXT: dict[str, dict[str, list[str]]] = {
    "how": {
        "ar": [
            "تُطابق الكلمات على نسخة موحّدة من النص (أشكال الألف والياء والتاء المربوطة، والتطويل، والتشكيل، والأرقام الهندية والفارسية)، وتشير المواضع دائماً إلى النص المحفوظ.",
            "التواريخ: أسماء الأشهر الميلادية والشامية والعراقية والمغاربية وصيغها المزدوجة (فبراير/شباط)، والأيام بالترتيب (السابع من فبراير)، ومنتصف ومطلع وأواخر، والتواريخ النسبية (أمس، الشهر الماضي) محسوبة من تاريخ النشر. لا يصير تاريخ أدق مما في النص، وبلا سنة معروفة يبقى مجهولاً.",
            "الحوادث تُقرأ جملةً جملة: كلمة هجوم أو ضربة ليست افتراضية (تهديد أو خطة أو هدنة)، ومعها تاريخ للحدث أو عدد إصابات، أو خبر يسمّي قاعدة وسلاحاً أو جماعة (فيؤرَّخ بتاريخ المقالة). تاريخ البيان ليس تاريخ الحدث، والعنوان وحده لا يصنع حادثاً.",
            "أعداد القوات تحتاج إلى اسم للجنود (جندي، عسكري، مدرب ...) أو اسم معدود؛ أعداد الإصابات والسنوات والأهداف والقواعد ليست أعداد قوات.",
            "يجمع مفتاح الحدث التقارير التي تروي الحدث نفسه (النوع نفسه، وتواريخ متفقة، ولا تعارض في المكان أو الجهة أو الهدف)، فتعدّ اللوحة الأحداث لا المقالات.",
        ],
        "en": [
            "Matching runs on a normalised copy of the text (alef and ya variants, ta marbuta, tatweel, diacritics, Arabic-Indic and Persian digits); offsets always point into the stored text.",
            "Dates: Gregorian, Levantine/Iraqi and Maghrebi month names and their paired forms (فبراير/شباط), ordinal days, منتصف/مطلع/أواخر, and relative dates (أمس، الشهر الماضي) resolved against the publication date. A date is never made more precise than the text; without a resolvable year it stays unknown.",
            "Incidents are read sentence by sentence: an attack or strike word that is not hypothetical (threats, plans, truces), with an event date or a casualty count, or a news report naming a base and a weapon or group (then dated by its article). A statement's date is not the event's date; a headline yields no incident of its own.",
            "Troop figures need a troop noun (جندي، عسكري، مدرب ...) or a counted noun; casualty counts, years, targets and bases are never troop figures.",
            "The event key joins reports of the same event (same type, agreeing dates, no conflicting place, actor or target), so the dashboard counts events, not articles.",
        ],
    },
    "fails": {
        "ar": [
            "الحوادث: جمل الاستعادة والتسلسل الزمني قد تُقرأ حوادث جديدة، وحادث بلا تاريخ أو إصابات في نصه قد يفوت.",
            "المكان والإصابات: قد يُسند المكان الأقرب في الجملة بدل مكان الحدث، وقد تُجمع إصابات حدثين.",
            "الجماعات التي لا يعرفها المعجم الجغرافي تُعلَّم جديدةً، وقد يختلف رسم اسمها من مقالة إلى أخرى.",
            "تاريخ النشر المستنتج (من آخر حدث مؤرخ في النص) تقريبي، وكل حادث أُرّخ به مثله.",
            "أرقام الدقة أدناه مقيسة على مقالات وضع لها مراجعون إجاباتها بأنفسهم؛ لم تعد أي مجموعة عمياء بعد أن عُدّلت القواعد على أخطائها، فالتقدير الصادق لنص جديد هو التشغيل الأعمى الأول لكل مجموعة، المعروض أولاً.",
        ],
        "en": [
            "Incidents: recap and chronology sentences can be read as new incidents, and an incident whose text gives no date or casualties can be missed.",
            "Place and casualties: the nearest place in the sentence can be taken for the event's, and two events' casualties can be added up.",
            "Groups the gazetteer does not know are flagged as new, and their names may be spelled differently from one article to the next.",
            "An inferred publication date (the latest dated event in the text) is approximate, and so is every incident dated by it.",
            "The accuracy below is measured on articles whose answers annotators wrote themselves; every set stopped being blind once the rules were generalised from its errors, so the honest estimate for new text is each set's first, blind run, shown first.",
        ],
    },
}

SET_NAME: dict[str, dict[str, str]] = {
    "devset": {"ar": "مجموعة التطوير الأولى", "en": "Development set 1 (devset)"},
    "devset2": {"ar": "مجموعة التطوير الثانية", "en": "Development set 2 (devset2)"},
    "devset3": {"ar": "مجموعة التطوير الثالثة", "en": "Development set 3 (devset3)"},
    **{name: {"ar": f"مجموعة التطوير {name[6:]} ({name})", "en": f"Development set {name[6:]} ({name})"}
       for name in ("devset4", "devset5", "devset6a", "devset6b", "devset7", "devset8", "devset9", "devset10", "devset11")},
}

_WRITTEN_BLIND = {"ar": "كتبها وصحّحها مراجعان لم يريا المستخرِج، وقيست مرة عمياء (أعلاه) ثم عُدّلت القواعد على أخطائها.",
                  "en": "Written and annotated by two people who never saw the extractor, scored once blind (above), then tuned on."}
SET_MEANING: dict[str, dict[str, str]] = {
    "devset": {"ar": "برقيات وكالات، أشهر شامية ومغاربية، أرقام هندية، منافذ موالية وسورية، تسلسلات زمنية، مقال رأي.",
               "en": "Wire copy, Levantine and Maghrebi months, Arabic-Indic digits, pro-axis and Syrian outlets, chronologies, an opinion piece."},
    "devset2": {"ar": "أخبار البرلمان، تحقيقات، إحاطة من البنتاغون، قائمة بيانات تبنٍّ مؤرخة، نشرة أخبار.",
                "en": "Parliament news, features, a Pentagon briefing, a dated list of claims, a news bulletin."},
    "devset3": {"ar": "مقالات بأشكال الصفحات الحقيقية (زوائد الصفحات، شريط الأخبار، البيانات، الاستعادات، صفحات ويب، سطور تاريخ رقمية)، أكثرها بلا تاريخ في البيانات الوصفية.",
                "en": "Articles in real-page styles (page furniture, tickers, claims, recaps, HTML pages, numeric datelines), most undated in metadata."},
    **{name: _WRITTEN_BLIND for name in ("devset4", "devset5", "devset6a", "devset6b", "devset7", "devset8", "devset9", "devset10", "devset11")},
}

CATEGORY_LABEL: dict[str, dict[str, str]] = {
    "troops": {"ar": "أعداد القوات", "en": "Troop figures"},
    "troops_qualifier": {"ar": "أعداد القوات مع دقتها", "en": "Troop figures with their qualifier"},
    "incidents": {"ar": "الحوادث", "en": "Incidents"},
    "militias": {"ar": "الفصائل المذكورة", "en": "Factions named"},
    "places": {"ar": "الأماكن المذكورة", "en": "Places named"},
    "places_resolvable": {"ar": "الأماكن المذكورة (المعروفة في المعجم)", "en": "Places named (known to the gazetteer)"},
    "event_places": {"ar": "أماكن الأحداث", "en": "Event places"},
    "tallies": {"ar": "حصائل الهجمات", "en": "Attack tallies"},
    "tallies_location": {"ar": "حصائل الهجمات مع مكانها", "en": "Attack tallies with their place"},
    "published": {"ar": "تاريخ النشر", "en": "Publication date"},
}

AGREEMENT_OBJECT: dict[str, dict[str, str]] = {
    "incident": {"ar": "الحادث", "en": "Incident"}, "troop": {"ar": "عدد القوات", "en": "Troop figure"},
    "tally": {"ar": "الحصيلة", "en": "Tally"},
}
AGREEMENT_FIELD: dict[str, dict[str, str]] = {
    "date": {"ar": "التاريخ", "en": "date"}, "place": {"ar": "المكان", "en": "place"}, "weapon": {"ar": "السلاح", "en": "weapon"},
    "perpetrator": {"ar": "المنفّذ", "en": "perpetrator"}, "claimed_by": {"ar": "المتبنّي", "en": "claimed by"},
    "killed": {"ar": "القتلى", "en": "killed"}, "wounded": {"ar": "الجرحى", "en": "wounded"},
    "casualties": {"ar": "القتلى والجرحى معاً", "en": "killed and wounded both"}, "outcome": {"ar": "النتيجة", "en": "outcome"},
    "date_end": {"ar": "تاريخ النهاية", "en": "end date"}, "date_exact": {"ar": "التاريخ بدقته", "en": "exact date"},
    "force": {"ar": "القوة", "en": "force"}, "kind": {"ar": "نوع الرقم", "en": "kind"}, "location": {"ar": "المكان", "en": "location"},
    "qualifier": {"ar": "الدقة", "en": "qualifier"}, "period_start": {"ar": "بداية الفترة", "en": "period start"},
    "period_end": {"ar": "نهاية الفترة", "en": "period end"},
}


DTYPE_LABEL: dict[str, dict[str, str]] = {
    "string": {"ar": "نص", "en": "text"}, "Int64": {"ar": "عدد صحيح", "en": "whole number"},
    "float64": {"ar": "عدد عشري", "en": "decimal number"}, "boolean": {"ar": "نعم أو لا", "en": "yes or no"},
}


def dtype_label(dtype: str, lang: str) -> str:
    return DTYPE_LABEL.get(dtype, {}).get(lang, dtype)


def column_meaning(table: str, column: str, lang: str) -> str:
    """What a column holds, in words: the schema's own sentence in English, its translation in Arabic."""
    english = {name: doc for name, _dtype, doc in schemas.TABLES[table]}[column]
    if lang == "ar":  # a column newer than its translation reads in English rather than not at all (a test catches it)
        return COLUMN_MEANING_AR.get(table, {}).get(column, english)
    return english


def category_label(category: str, lang: str) -> str:
    return CATEGORY_LABEL.get(category, {}).get(lang, category)


def agreement_label(key: str, lang: str) -> str:
    """'incident.date' -> 'Incident: date' / 'الحادث: التاريخ' (an unknown key reads as it is)."""
    thing, _, field = key.partition(".")
    if thing not in AGREEMENT_OBJECT or field not in AGREEMENT_FIELD:
        return key
    return f"{AGREEMENT_OBJECT[thing][lang]}: {AGREEMENT_FIELD[field][lang]}"
