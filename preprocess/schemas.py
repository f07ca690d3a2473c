"""Output tables: every column with its type and meaning (README's data dictionary is checked against this)."""
from __future__ import annotations

# Each table: ordered list of (column, dtype, description). dtypes: string, Int64 (nullable), float64, boolean.
TABLES: dict[str, list[tuple[str, str, str]]] = {
    "articles": [
        ("article_id", "string", "File stem of the article (or `id` of a JSON Lines record); the key every other table points to."),
        ("title", "string", "Title from metadata, else the page `<title>`, else the first short line of the text; may be empty."),
        ("source", "string", "Outlet from metadata, else one recognised from the text's signature or credit line; may be empty."),
        ("url", "string", "Address from metadata; may be empty."),
        ("published", "string", "Publication date, ISO (YYYY-MM-DD, or YYYY-MM / YYYY when only that is known); empty when unknown."),
        ("published_precision", "string", "day | month | year | unknown: how precise `published` is."),
        ("published_source", "string", "Where `published` came from: metadata | dateline | url | inferred (latest dated event in the text) | empty."),
        ("text", "string", "Article text as stored after decoding (line ends normalised to \\n); the base of every start/end offset."),
        ("content_hash", "string", "SHA-256 of `text`; an unchanged article is not re-extracted."),
        ("duplicate_of", "string", "article_id of an earlier article with the same or nearly the same text; empty if none."),
        ("n_sentences", "Int64", "Number of sentences the text was split into."),
        ("warnings", "string", "Notes on this article, separated by ` | ` (for example a date in the text that lies after `published`)."),
    ],
    "incidents": [
        ("incident_id", "string", "Stable id: article_id + '-inc-' + start offset of the sentence its date came from (else its first mention)."),
        ("article_id", "string", "Article the incident was read from."),
        ("event_key", "string", "Same value for the same real-world event reported by several articles (or twice in one)."),
        ("date", "string", "Event date, ISO and only as precise as the text: YYYY-MM-DD, YYYY-MM or YYYY; empty when unknown."),
        ("date_precision", "string", "day | range (several days: `date` is the first, `date_end` the last) | month | year | unknown."),
        ("date_end", "string", "Last day of a range of days ('بين 28 و30 كانون الثاني'); empty otherwise."),
        ("year", "Int64", "Year of the event; empty when unknown."),
        ("date_basis", "string", "text (the sentence dates the event) | published (a news report with no date of its own: the article's date) | empty."),
        ("event_type", "string", "attack (on US or coalition forces or facilities) | strike (US or coalition strike on factions) | other."),
        ("weapon", "string", "rocket | drone | ballistic_missile | ied | airstrike | unknown."),
        ("perpetrator", "string", "name_en of the actor that carried it out (for strikes, the United States); empty if unknown."),
        ("claimed_by", "string", "name_en of the group that claimed it, when the text says it claimed it; empty otherwise."),
        ("target", "string", "What was hit: a base, US forces, or for strikes the factions and named people hit (English names, `; `-separated)."),
        ("factions", "string", "Every militia involved (perpetrator, claimant, target, or a targeted commander's group), `; `-separated: what the militia filter matches."),
        ("place", "string", "name_en of the most specific place named for the event; empty if none."),
        ("country", "string", "Country of the place (Iraq, Syria, Jordan ...); `; `-separated when the text names several and no place; else the article's main country."),
        ("lat", "float64", "Latitude of `place` from the gazetteer; empty if no place."),
        ("lon", "float64", "Longitude of `place` from the gazetteer; empty if no place."),
        ("killed", "Int64", "People killed as stated; empty when the text gives no number (0 only when it says there were no casualties)."),
        ("wounded", "Int64", "People wounded as stated; empty when the text gives no number."),
        ("outcome", "string", "intercepted (the drone or rocket was shot down or intercepted) | empty (hit, or not stated)."),
        ("quote", "string", "The sentence the incident was read from (the one that dated it, else its first mention), exactly as in `articles.text`; every sentence behind the row is in `incident_sources`."),
        ("start", "Int64", "Start offset of the sentence in `articles.text`."),
        ("end", "Int64", "End offset (exclusive) of the sentence in `articles.text`."),
    ],
    "incident_sources": [
        ("incident_id", "string", "Incident the row explains."),
        ("article_id", "string", "Article of the incident."),
        ("slot", "string", "mention (a sentence that reports the event) | date | place | weapon | perpetrator | claimed_by | target | killed | wounded | outcome | event_type: which value of the incident this span gave."),
        ("start", "Int64", "Start offset of the span in `articles.text`."),
        ("end", "Int64", "End offset (exclusive)."),
        ("quote", "string", "The span's text, exactly `articles.text[start:end]`."),
    ],
    "troops": [
        ("troop_id", "string", "Stable id: article_id + '-trp-' + offset of the number."),
        ("article_id", "string", "Article the figure was read from."),
        ("value", "Int64", "Number of troops."),
        ("qualifier", "string", "exact | approx | less_than | more_than | at_least."),
        ("force", "string", "Whose troops: US, coalition, or another force named next to the figure."),
        ("location", "string", "Country or base (name_en) the figure applies to; empty if not stated."),
        ("kind", "string", "level | withdrawal | deployment | planned."),
        ("date", "string", "Date the figure applies to (ISO, as precise as known): a date in its clause, else the article's date."),
        ("date_precision", "string", "day | month | year | unknown."),
        ("year", "Int64", "Year the figure applies to; empty when unknown."),
        ("quote", "string", "Sentence the figure was read from."),
        ("start", "Int64", "Start offset of the number phrase in `articles.text`."),
        ("end", "Int64", "End offset (exclusive) of the number phrase in `articles.text`."),
        ("sentence_start", "Int64", "Start offset of the sentence."),
        ("sentence_end", "Int64", "End offset (exclusive) of the sentence."),
    ],
    "attack_counts": [
        ("count_id", "string", "Stable id: article_id + '-cnt-' + offset of the number."),
        ("article_id", "string", "Article the tally was read from."),
        ("count", "Int64", "Number of attacks the text reports."),
        ("qualifier", "string", "exact | approx | less_than | more_than | at_least."),
        ("period_start", "string", "Start of the period the tally covers (ISO, as precise as the text); empty if not stated."),
        ("period_end", "string", "End of the period (ISO); the article's date when the text says 'so far'; empty if unknown."),
        ("country", "string", "Country the tally covers; empty if not stated."),
        ("location", "string", "Base or place the tally covers (name_en); empty if not stated."),
        ("quote", "string", "Sentence the tally was read from."),
        ("start", "Int64", "Start offset of the number phrase in `articles.text`."),
        ("end", "Int64", "End offset (exclusive) of the number phrase."),
        ("sentence_start", "Int64", "Start offset of the sentence."),
        ("sentence_end", "Int64", "End offset (exclusive) of the sentence."),
    ],
    "actors": [
        ("actor_id", "string", "Gazetteer id, or `new-` + a slug for a group found in the text but not in the gazetteer."),
        ("name_en", "string", "English name as analysts write it (Kataib Hezbollah, Harakat al-Nujaba ...)."),
        ("name_ar", "string", "Arabic name."),
        ("actor_type", "string", "militia | state | armed_forces | person | organization."),
        ("parent", "string", "name_en of the umbrella (Popular Mobilization Forces, Islamic Resistance in Iraq ...); empty if none."),
        ("in_gazetteer", "boolean", "False for a group named in the text that the gazetteer does not know (a possible new facade group)."),
        ("is_faction", "boolean", "True for the armed groups analysts filter and count as factions: every militia (Lebanese Hezbollah and new groups included) and Iran's IRGC and Quds Force, which keep actor_type armed_forces; not ISIS nor the SDF (extraction.yaml actor_roles)."),
        ("aliases_ar", "string", "Arabic aliases from the gazetteer, `; `-separated."),
        ("n_mentions", "Int64", "Mentions in the corpus."),
        ("n_articles", "Int64", "Articles that mention the actor."),
        ("first_seen", "string", "article_id of the first article (by id) that mentions it; empty if never mentioned."),
    ],
    "places": [
        ("place_id", "string", "Gazetteer id."),
        ("name_en", "string", "English name (Ain al-Asad, Tower 22, al-Tanf ...)."),
        ("name_ar", "string", "Arabic name."),
        ("place_type", "string", "base | city | province | country | facility | region."),
        ("country", "string", "Country the place lies in (English)."),
        ("lat", "float64", "Latitude (WGS84)."),
        ("lon", "float64", "Longitude (WGS84)."),
        ("coord_source", "string", "Where the coordinates come from."),
        ("n_mentions", "Int64", "Mentions in the corpus."),
        ("n_articles", "Int64", "Articles that mention the place."),
        ("n_event_mentions", "Int64", "Mentions of the place as where an incident happened (mentions.role = event)."),
        ("n_event_articles", "Int64", "Articles that report an incident at the place."),
    ],
    "mentions": [
        ("mention_id", "string", "Stable id: article_id + '-men-' + start offset."),
        ("article_id", "string", "Article of the mention."),
        ("entity_id", "string", "actor_id or place_id."),
        ("entity_kind", "string", "actor | place."),
        ("surface", "string", "The text as written, exactly `articles.text[start:end]`."),
        ("start", "Int64", "Start offset in `articles.text`."),
        ("end", "Int64", "End offset (exclusive)."),
        ("sentence_start", "Int64", "Start offset of the sentence holding the mention."),
        ("sentence_end", "Int64", "End offset (exclusive) of that sentence."),
        ("role", "string", "event (a place, perpetrator, claimant or target of an incident, in a sentence behind it) | dateline (the place that dates the page) | background (named, but nothing happened there or by it)."),
    ],
    "rejects": [
        ("file", "string", "File name (or file:line for a JSON Lines record, metadata.csv:row for a metadata problem)."),
        ("reason", "string", "One-line reason the input was skipped or a metadata row was not used."),
        ("stage", "string", "read | decode | language | size | metadata | duplicate_id | extract."),
    ],
}

TABLE_NAMES = ["articles", "incidents", "incident_sources", "troops", "attack_counts", "actors", "places", "mentions", "rejects"]


def columns(table: str) -> list[str]:
    return [name for name, _dtype, _doc in TABLES[table]]


def dtypes(table: str) -> dict[str, str]:
    return {name: dtype for name, dtype, _doc in TABLES[table]}


def data_dictionary_markdown() -> str:
    """The README's data dictionary, generated from TABLES so the two cannot drift apart unnoticed."""
    parts = []
    for table in TABLE_NAMES:
        parts.append(f"### `{table}`\n\n| column | type | meaning |\n|---|---|---|")
        parts += [f"| `{name}` | {dtype} | {doc} |" for name, dtype, doc in TABLES[table]]
        parts.append("")
    return "\n".join(parts)
