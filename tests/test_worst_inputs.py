"""Inputs that used to hang, exhaust memory, crash or take minutes: each is refused or read with a reason, and the rest still builds."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from preprocess.dates import find_dates, publication_date_from_dateline
from preprocess.ingest import MAX_METADATA_ROWS, input_files, read_corpus
from tests.awkward_corpus import ATTACK_SENTENCE, STRIKE_SENTENCE, TROOPS_SENTENCE

ROOT = Path(__file__).resolve().parent.parent

# The reading runs in a child process with 2 GB of address space and a minute: the old reader hung on a FIFO and read
# /dev/zero until memory ran out, and a test must fail on that, not take the machine down.
_GUARDED_READ = """
import json, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 * 2**30, 2 * 2**30))
from preprocess.ingest import read_corpus
articles, rejects = read_corpus([sys.argv[1]])
print(json.dumps({"articles": {a.article_id: a.text for a in articles},
                  "rejects": [[r.file, r.reason, r.stage] for r in rejects]}))
"""


def _read_guarded(directory: Path) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    done = subprocess.run([sys.executable, "-c", _GUARDED_READ, str(directory)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout)
    return found["articles"], {file: (reason, stage) for file, reason, stage in found["rejects"]}


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _no_surrogates(*values: str) -> bool:
    return not any(re.search("[\ud800-\udfff]", value) for value in values)


# ---------------------------------------------------------------- files that are not files


def test_fifos_are_refused_unopened_and_the_articles_read(tmp_path):
    _write(tmp_path / "good.txt", ATTACK_SENTENCE)
    os.mkfifo(tmp_path / "pipe.txt")
    os.mkfifo(tmp_path / "metadata.csv")
    articles, rejects = _read_guarded(tmp_path)
    assert list(articles) == ["good"]
    assert rejects["pipe.txt"] == ("not a regular file", "read")
    assert rejects["metadata.csv"] == ("not a regular file; ignored", "read")


def test_symlinks_to_dev_zero_are_refused(tmp_path):
    _write(tmp_path / "good.txt", ATTACK_SENTENCE)
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "metadata.csv").symlink_to("/dev/zero")
    articles, rejects = _read_guarded(tmp_path)
    assert list(articles) == ["good"]
    for name in ("zero.txt", "metadata.csv"):
        reason, stage = rejects[name]
        assert "outside the input folder" in reason and stage == "read"


def test_symlink_leaving_the_folder_is_refused_and_one_inside_is_read(tmp_path):
    corpus, outside = tmp_path / "corpus", tmp_path / "outside"
    corpus.mkdir()
    outside.mkdir()
    _write(outside / "secret.txt", STRIKE_SENTENCE)
    _write(outside / "metadata.csv", "article_id,title\ngood,عنوان مسرب\n")
    _write(corpus / "good.txt", ATTACK_SENTENCE)
    (corpus / "secret.txt").symlink_to(outside / "secret.txt")
    (corpus / "metadata.csv").symlink_to(outside / "metadata.csv")
    (corpus / "alias.txt").symlink_to("good.txt")
    articles, rejects = read_corpus([corpus])
    assert {a.article_id: a.text for a in articles} == {"alias": ATTACK_SENTENCE, "good": ATTACK_SENTENCE}
    assert articles[1].title == ""
    by_file = {r.file: r for r in rejects}
    assert set(by_file) == {"secret.txt", "metadata.csv"}
    assert all("outside the input folder" in r.reason and r.stage == "read" for r in rejects)


def test_input_files_are_the_ones_reading_may_open(tmp_path):
    _write(tmp_path / "good.txt", ATTACK_SENTENCE)
    _write(tmp_path / ".hidden.txt", ATTACK_SENTENCE)
    os.mkfifo(tmp_path / "pipe.txt")
    (tmp_path / "zero.txt").symlink_to("/dev/zero")
    (tmp_path / "alias.txt").symlink_to("good.txt")
    (tmp_path / "folder").mkdir()
    assert [p.name for p in input_files(tmp_path)] == ["alias.txt", "good.txt"]


# ---------------------------------------------------------------- text that cannot be encoded


def test_lone_surrogates_in_json_lines_are_replaced_and_flagged(tmp_path):
    lines = [
        '{"id": "s\\udc80", "text": "%s \\ud800", "title": "\\udfff عنوان", "source": "\\ud83d", "url": "https://x.org/\\ud800"}'
        % ATTACK_SENTENCE,
        json.dumps({"id": "ok", "text": STRIKE_SENTENCE}, ensure_ascii=False),
    ]
    _write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    articles, rejects = read_corpus([tmp_path])
    flagged, ok = articles
    assert (flagged.article_id, ok.article_id) == ("s\ufffd", "ok")
    assert flagged.text == f"{ATTACK_SENTENCE} \ufffd" and flagged.title == "\ufffd عنوان" and flagged.source == "\ufffd"
    assert _no_surrogates(flagged.article_id, flagged.text, flagged.title, flagged.source, flagged.url, *flagged.warnings)
    assert any("5 lone surrogate code points" in w for w in flagged.warnings)
    [reject] = rejects
    assert (reject.file, reject.stage) == ("feed.jsonl:1", "decode")
    assert "replaced by \ufffd" in reject.reason and "kept" in reject.reason


def test_file_name_that_is_not_utf8_gets_a_readable_id(tmp_path):
    try:
        with open(os.path.join(os.fsencode(tmp_path), b"bad\xffname.txt"), "wb") as handle:
            handle.write(ATTACK_SENTENCE.encode("utf-8"))
    except OSError as error:
        pytest.skip(f"this file system refuses names that are not UTF-8: {error}")
    [article], [reject] = read_corpus([tmp_path])
    assert article.article_id == "bad\ufffdname" and article.origin == "bad\ufffdname.txt"
    assert any("not valid UTF-8" in w for w in article.warnings)
    assert (reject.file, reject.stage) == ("bad\ufffdname.txt", "decode")
    assert _no_surrogates(reject.file, reject.reason)


def test_a_json_lines_record_that_breaks_the_parser_loses_only_itself(tmp_path):
    lines = [json.dumps({"id": "a", "text": ATTACK_SENTENCE}, ensure_ascii=False),
             '{"id": 1' + "9" * 5000 + ', "text": "نص"}',
             json.dumps({"id": "b", "text": STRIKE_SENTENCE}, ensure_ascii=False)]
    _write(tmp_path / "feed.jsonl", "\n".join(lines) + "\n")
    articles, [reject] = read_corpus([tmp_path])
    assert [a.article_id for a in articles] == ["a", "b"]
    assert reject.file == "feed.jsonl:2" and reject.stage == "read"


def _build(corpus: Path, out: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "preprocess", "build", "--input", str(corpus), "--out", str(out)],
                          cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_build_with_a_surrogate_upload_a_fifo_and_a_link_to_dev_zero_succeeds_and_lists_them(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    _write(corpus / "good.txt", ATTACK_SENTENCE)
    _write(corpus / "upload.jsonl", '{"id": "u1", "text": "%s \\ud800"}\n' % STRIKE_SENTENCE)
    os.mkfifo(corpus / "pipe.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    done = _build(corpus, out)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "upload.jsonl:1" in done.stdout and "pipe.txt" in done.stdout and "zero.txt" in done.stdout
    articles = pd.read_parquet(out / "articles.parquet").set_index("article_id")
    assert sorted(articles.index) == ["good", "u1"]
    assert articles.loc["u1", "text"].endswith("\ufffd")
    rejects = pd.read_parquet(out / "rejects.parquet").set_index("file")
    assert rejects.loc["upload.jsonl:1", "stage"] == "decode"
    assert rejects.loc["pipe.txt", "stage"] == rejects.loc["zero.txt", "stage"] == "read"


def test_build_with_a_file_name_that_is_not_utf8_succeeds(tmp_path):
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    corpus.mkdir()
    _write(corpus / "good.txt", ATTACK_SENTENCE)
    try:
        with open(os.path.join(os.fsencode(corpus), b"bad\xffname.txt"), "wb") as handle:
            handle.write(STRIKE_SENTENCE.encode("utf-8"))
    except OSError as error:
        pytest.skip(f"this file system refuses names that are not UTF-8: {error}")
    done = _build(corpus, out)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(pd.read_parquet(out / "articles.parquet")["article_id"]) == ["bad\ufffdname", "good"]


# ---------------------------------------------------------------- metadata.csv limits


def _metadata_rows(n: int) -> str:
    return "article_id,title\n" + "".join(f"ghost{i},عنوان\n" for i in range(n))


def test_metadata_over_the_size_limit_is_ignored_and_the_articles_read(tmp_path):
    _write(tmp_path / "a.txt", ATTACK_SENTENCE)
    _write(tmp_path / "metadata.csv", "article_id,title\na,عنوان\n" + "x,y\n" * 400)
    [article], [reject] = read_corpus([tmp_path], max_metadata_bytes=1000)
    assert article.title == ""
    assert (reject.file, reject.stage) == ("metadata.csv", "metadata")
    assert reject.reason.startswith("metadata.csv too large:") and reject.reason.endswith("; ignored")


def test_metadata_over_the_row_limit_is_ignored_and_the_articles_read(tmp_path):
    _write(tmp_path / "a.txt", ATTACK_SENTENCE)
    _write(tmp_path / "metadata.csv", "article_id,title\na,عنوان\n" + _metadata_rows(MAX_METADATA_ROWS).split("\n", 1)[1])
    [article], [reject] = read_corpus([tmp_path])
    assert article.title == ""
    assert reject.reason == f"metadata.csv too long: more than {MAX_METADATA_ROWS:,} rows; ignored"


def test_metadata_problems_are_listed_up_to_a_limit_then_counted(tmp_path):
    _write(tmp_path / "a.txt", ATTACK_SENTENCE)
    _write(tmp_path / "metadata.csv", _metadata_rows(500))
    _, rejects = read_corpus([tmp_path])
    assert len(rejects) == 51
    assert rejects[0].file == "metadata.csv:2" and "ghost0" in rejects[0].reason
    assert (rejects[-1].file, rejects[-1].reason) == ("metadata.csv", "450 more metadata.csv problems not listed")


# ---------------------------------------------------------------- inputs that were quadratic


def test_html_with_thousands_of_unclosed_elements_keeps_every_paragraph(tmp_path):
    _write(tmp_path / "p.html", "<html><title>عنوان</title><body>" + f"<div><p>{ATTACK_SENTENCE}" * 3000)
    [article], rejects = read_corpus([tmp_path])
    assert article.text.split("\n") == [ATTACK_SENTENCE] * 3000
    assert article.title == "عنوان" and rejects == []


def test_html_tags_left_open_to_the_end_do_not_become_text(tmp_path):
    story = "".join(f"<p>{s}</p>" for s in (ATTACK_SENTENCE, STRIKE_SENTENCE, TROOPS_SENTENCE))
    _write(tmp_path / "p.html", f"<html><body>{story}" + '<span class="x" ' * 3000)
    [article], _ = read_corpus([tmp_path])
    assert article.text.split("\n") == [ATTACK_SENTENCE, STRIKE_SENTENCE, TROOPS_SENTENCE]


def test_a_line_of_thousands_of_dates_finds_each_and_its_dateline():
    dates = "الخميس 15 فبراير/شباط 2024، " * 3000
    found = find_dates(dates, "2024-03-01")
    assert len(found) == 3000 and {d.iso for d in found} == {"2024-02-15"}
    assert publication_date_from_dateline(dates) is None  # no date stands alone on the line
    dateline = publication_date_from_dateline("بغداد 12 شباط 2024 - آخر تحديث " + dates)
    assert (dateline.start, dateline.iso) == (6, "2024-02-12")
