"""Uploads: unsafe names, zip tricks and oversized files are refused with a reason; saving never overwrites a different file."""
from __future__ import annotations

import io
import json
import stat
import tracemalloc
import zipfile
from pathlib import Path

import pytest

from preprocess.ingest import read_corpus
from preprocess.uploads import (AcceptedFile, article_ids, check_uploads, list_uploads, refuse_what_the_build_skips,
                                remove_uploads, safe_name, save_accepted)
from tests.awkward_corpus import ATTACK_SENTENCE, STRIKE_SENTENCE

GOOD = ATTACK_SENTENCE.encode("utf-8")
OTHER = STRIKE_SENTENCE.encode("utf-8")


def _zip(entries: list[tuple[str | zipfile.ZipInfo, bytes]], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in entries:
            archive.writestr(name, data)
    return buffer.getvalue()


def _refusal_reason(refusals, name_part: str) -> str:
    matches = [r.reason for r in refusals if name_part in r.name]
    assert matches, f"no refusal for {name_part}: {refusals}"
    return matches[0]


def test_good_text_file_is_accepted():
    accepted, refusals = check_uploads([("خبر عاجل.TXT", GOOD)])
    assert accepted == [AcceptedFile("خبر_عاجل.txt", GOOD)]
    assert refusals == []


def test_zip_of_two_articles_is_expanded():
    data = _zip([("news/a.txt", GOOD), ("news/b.html", b"<p>" + OTHER + b"</p>"), ("news/", b""),
                 ("__MACOSX/news/._a.txt", b"\0junk")])
    accepted, refusals = check_uploads([("batch.zip", data)])
    assert [(a.name, a.data) for a in accepted] == [("a.txt", GOOD), ("b.html", b"<p>" + OTHER + b"</p>")]
    assert refusals == []


@pytest.mark.parametrize("entry, words", [
    ("../../x.txt", "'..'"),
    ("safe/../../etc/x.txt", "'..'"),
    ("..\\..\\x.txt", "'..'"),
    ("/etc/x.txt", "absolute path"),
    ("C:/Windows/x.txt", "absolute path"),
])
def test_zip_entries_escaping_the_folder_are_refused(entry, words):
    accepted, refusals = check_uploads([("evil.zip", _zip([(entry, GOOD), ("fine.txt", OTHER)]))])
    assert [a.name for a in accepted] == ["fine.txt"]
    assert len(refusals) == 1 and words in refusals[0].reason
    assert refusals[0].name.startswith("evil.zip/")


def test_symlink_in_zip_is_refused():
    link = zipfile.ZipInfo("link.txt")
    link.external_attr = (stat.S_IFLNK | 0o777) << 16
    accepted, refusals = check_uploads([("links.zip", _zip([(link, b"/etc/passwd")]))])
    assert accepted == []
    assert "symbolic link" in _refusal_reason(refusals, "link.txt")


def test_zip_bomb_is_refused_without_unpacking():
    bomb = _zip([("zeros.txt", b"\0" * (50 * 2**20))])
    assert len(bomb) < 2**20
    tracemalloc.start()
    try:
        accepted, refusals = check_uploads([("bomb.zip", bomb)])
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert accepted == []
    assert "too large when unpacked: 50.0 MB > 20 MB" == _refusal_reason(refusals, "zeros.txt")
    assert peak < 10 * 2**20


def test_high_compression_ratio_is_refused():
    accepted, refusals = check_uploads([("ratio.zip", _zip([("zeros.txt", b"\0" * (5 * 2**20))]))])
    assert accepted == []
    assert "possible zip bomb" in _refusal_reason(refusals, "zeros.txt")


def _lie_about_size(data: bytes, declared: int) -> bytes:
    """The zip with its only entry's uncompressed size rewritten in both headers, as a hostile zip would."""
    patched = bytearray(data)
    local = patched.find(b"PK\x03\x04")
    central = patched.find(b"PK\x01\x02")
    patched[local + 22:local + 26] = declared.to_bytes(4, "little")
    patched[central + 24:central + 28] = declared.to_bytes(4, "little")
    return bytes(patched)


def test_zip_that_lies_about_its_size_is_stopped():
    liar = _lie_about_size(_zip([("liar.txt", b"\0" * (30 * 2**20))]), declared=100_000)
    tracemalloc.start()
    try:
        accepted, refusals = check_uploads([("liar.zip", liar)], max_zip_ratio=10_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert accepted == []
    reason = _refusal_reason(refusals, "liar.txt")
    assert "damaged" in reason or "stopped" in reason
    assert peak < 10 * 2**20


def test_nested_zip_is_refused():
    inner = _zip([("a.txt", GOOD)])
    accepted, refusals = check_uploads([("outer.zip", _zip([("inner.zip", inner)], zipfile.ZIP_STORED))])
    assert accepted == []
    assert "nested zip" in _refusal_reason(refusals, "inner.zip")


def test_too_many_files_refused():
    files = [(f"a{i}.txt", GOOD) for i in range(5)]
    accepted, refusals = check_uploads(files, max_files=3)
    assert [a.name for a in accepted] == ["a0.txt", "a1.txt", "a2.txt"]
    assert [r.name for r in refusals] == ["a3.txt", "a4.txt"]
    assert all("too many files: the limit is 3 per upload" == r.reason for r in refusals)


def test_zip_with_too_many_entries_refused_whole():
    data = _zip([(f"a{i}.txt", GOOD) for i in range(20)])
    accepted, [refusal] = check_uploads([("many.zip", data)], max_files=10)
    assert accepted == []
    assert refusal.name == "many.zip" and "20 entries" in refusal.reason


def test_total_size_limit():
    accepted, refusals = check_uploads([("a.txt", b"x" * 600), ("b.txt", b"x" * 600)], max_total_bytes=1000)
    assert [a.name for a in accepted] == ["a.txt"]
    assert "over" in _refusal_reason(refusals, "b.txt")


@pytest.mark.parametrize("name, words", [
    ("setup.exe", "unsupported file type .exe"),
    ("report.pdf", "unsupported file type .pdf"),
    ("noextension", "(no extension)"),
    ("../..", "name is empty"),
    ("...", "name is empty"),
])
def test_unsupported_or_nameless_files_refused(name, words):
    accepted, [refusal] = check_uploads([(name, GOOD)])
    assert accepted == [] and words in refusal.reason


def test_oversized_file_refused():
    accepted, [refusal] = check_uploads([("big.txt", b"x" * 2000)], max_file_bytes=1000)
    assert accepted == [] and refusal.reason.startswith("too large:")


def test_refusal_names_are_printable():
    accepted, [refusal] = check_uploads([("evil\u202etxt.exe", GOOD)])
    assert "\u202e" not in refusal.name


def test_not_a_zip():
    accepted, [refusal] = check_uploads([("fake.zip", b"this is not a zip at all")])
    assert accepted == [] and "not a valid zip" in refusal.reason


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd.txt", "passwd.txt"),
    ("C:\\Users\\me\\خبر.txt", "خبر.txt"),
    (".hidden.txt", "hidden.txt"),
    ("a b;rm -rf.HTML", "a_b_rm_-rf.html"),
    ("CON.txt", "_CON.txt"),
    ("name\x00.txt", "name.txt"),
    ("", ""),
])
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_save_accepted_never_overwrites_a_different_file(tmp_path):
    user_dir = tmp_path / "user"
    notes: list[str] = []
    first = save_accepted([AcceptedFile("a.txt", GOOD)], user_dir, notes)
    again = save_accepted([AcceptedFile("a.txt", GOOD)], user_dir, notes)
    different = save_accepted([AcceptedFile("a.txt", OTHER)], user_dir, notes)
    assert first == again == [user_dir / "a.txt"]
    assert different == [user_dir / "a-2.txt"]
    assert (user_dir / "a.txt").read_bytes() == GOOD
    assert (user_dir / "a-2.txt").read_bytes() == OTHER
    assert "saved as a-2.txt" in notes[2] and "same content" in notes[1]
    assert sorted(p.name for p in user_dir.iterdir()) == ["a-2.txt", "a.txt"]  # no temporary files left behind


def test_save_accepted_sanitises_names_again(tmp_path):
    [path] = save_accepted([AcceptedFile("../escape.txt", GOOD)], tmp_path / "user")
    assert path == tmp_path / "user" / "escape.txt"
    assert not (tmp_path / "escape.txt").exists()


# ---------------------------------------------------------------- issue 10: what the build would skip, the session, removal

SEEDS = Path(__file__).resolve().parents[1] / "data" / "raw"
ENGLISH = b"A plain English text about the weather in the mountains, long enough to count its letters."


def _build_reason(tmp_path, name: str, data: bytes) -> str:
    """The reason the build itself gives for skipping this file."""
    folder = tmp_path / "alone"
    folder.mkdir()
    (folder / name).write_bytes(data)
    articles, rejects = read_corpus([folder])
    assert articles == []
    return rejects[0].reason


@pytest.mark.parametrize("name, data, words", [
    ("weather.txt", ENGLISH, "not Arabic"),
    ("page.html", b"<html><body><p>" + ENGLISH + b"</p></body></html>", "not Arabic"),
    ("blank.txt", b"   \n\n  ", "empty"),
    ("feed.jsonl", b'{"id": "w1", "text": "' + ENGLISH + b'"}\n', "not Arabic"),
])
def test_a_file_the_build_would_skip_is_refused_with_the_builds_reason(tmp_path, name, data, words):
    kept, [refusal] = refuse_what_the_build_skips([AcceptedFile(name, data)], {}, {})
    assert kept == [] and refusal.name == name
    assert words in refusal.reason and _build_reason(tmp_path, name, data) in refusal.reason


def test_a_zip_entry_the_build_would_skip_is_named_with_its_zip():
    accepted, _ = check_uploads([("batch.zip", _zip([("news/en.txt", ENGLISH), ("news/ar.txt", GOOD)]))])
    kept, [refusal] = refuse_what_the_build_skips(accepted, {}, {})
    assert [k.name for k in kept] == ["ar.txt"]
    assert refusal.name == "batch.zip/news/en.txt" and "not Arabic" in refusal.reason


def test_arabic_files_and_a_partly_usable_feed_are_kept():
    feed = (json.dumps({"id": "r1", "text": ATTACK_SENTENCE}, ensure_ascii=False) + "\n"
            + json.dumps({"id": "r2", "text": ENGLISH.decode()}) + "\n").encode("utf-8")
    files = [AcceptedFile("a.txt", GOOD), AcceptedFile("b.html", b"<p>" + OTHER + b"</p>"), AcceptedFile("f.jsonl", feed)]
    kept, refusals = refuse_what_the_build_skips(files, {}, {})
    assert kept == files and refusals == []


def test_a_seed_articles_name_is_refused():
    seeds = article_ids(SEEDS)
    assert "001_462258a12eb261c0" in seeds and seeds["001_462258a12eb261c0"] == "001_462258a12eb261c0.txt"
    for name in ("001_462258a12eb261c0.txt", "001_462258a12eb261c0.html"):
        kept, [refusal] = refuse_what_the_build_skips([AcceptedFile(name, GOOD)], seeds, {})
        assert kept == [] and "bundled article" in refusal.reason and "rename" in refusal.reason


def test_an_id_taken_by_another_upload_is_refused_but_the_same_name_is_not():
    uploads = {"a": "a.html"}
    kept, [refusal] = refuse_what_the_build_skips([AcceptedFile("a.txt", GOOD)], {}, uploads)
    assert kept == [] and "a.html" in refusal.reason
    kept, refusals = refuse_what_the_build_skips([AcceptedFile("a.html", OTHER)], {}, uploads)  # saved as a-2.html
    assert [k.name for k in kept] == ["a.html"] and refusals == []
    kept, [refusal] = refuse_what_the_build_skips([AcceptedFile("b.txt", GOOD), AcceptedFile("b.htm", OTHER)], {}, {})
    assert [k.name for k in kept] == ["b.txt"] and refusal.name == "b.htm"


def test_uploads_over_the_session_allowance_are_refused():
    accepted, [refusal] = check_uploads([("a.txt", b"x" * 300), ("b.txt", b"x" * 300)],
                                        session_bytes_used=500, max_session_bytes=1000)
    assert [a.name for a in accepted] == ["a.txt"]
    assert refusal.name == "b.txt" and "over this session's upload allowance" in refusal.reason
    assert "already added" in refusal.reason


def test_zip_entries_count_against_the_session_allowance():
    data = _zip([("a.txt", GOOD), ("b.txt", OTHER)])
    accepted, [refusal] = check_uploads([("two.zip", data)], session_bytes_used=1000 - len(GOOD), max_session_bytes=1000)
    assert [a.name for a in accepted] == ["a.txt"]
    assert refusal.name == "two.zip/b.txt" and "session" in refusal.reason


def test_list_uploads_names_regular_article_files_only(tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    for name in ("b.txt", "a.html", "notes.csv", ".upload-x.part"):
        (user / name).write_bytes(GOOD)
    (user / "folder.txt").mkdir()
    (user / "link.txt").symlink_to(tmp_path / "elsewhere.txt")
    assert list_uploads(user) == ["a.html", "b.txt"]
    assert list_uploads(tmp_path / "missing") == []


def test_removal_deletes_only_named_files_in_the_user_folder(tmp_path):
    user = tmp_path / "user"
    user.mkdir()
    (user / "mine.txt").write_bytes(GOOD)
    (user / "keep.txt").write_bytes(OTHER)
    removed, refusals = remove_uploads(["mine.txt"], user)
    assert removed == ["mine.txt"] and refusals == []
    assert sorted(p.name for p in user.iterdir()) == ["keep.txt"]


@pytest.mark.parametrize("name, words", [
    ("../outside.txt", "not a plain file name"),
    ("..", "not a plain file name"),
    (".", "not a plain file name"),
    ("", "not a plain file name"),
    ("sub/inner.txt", "not a plain file name"),
    ("..\\outside.txt", "not a plain file name"),
    ("OUTSIDE_ABSOLUTE", "not a plain file name"),
    ("link.txt", "not a regular file"),
    ("folder.txt", "not a regular file"),
    ("metadata.csv", "not an article file"),
    ("gone.txt", "not in the user folder"),
])
def test_removal_refuses_anything_outside_the_user_folder(tmp_path, name, words):
    user = tmp_path / "user"
    (user / "sub").mkdir(parents=True)
    (user / "sub" / "inner.txt").write_bytes(GOOD)
    (user / "folder.txt").mkdir()
    (user / "metadata.csv").write_text("article_id,title\n")
    outside = tmp_path / "outside.txt"
    outside.write_bytes(OTHER)
    (user / "link.txt").symlink_to(outside)
    if name == "OUTSIDE_ABSOLUTE":
        name = str(outside)
    before = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*"))
    removed, [refusal] = remove_uploads([name], user)
    assert removed == [] and words in refusal.reason
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*")) == before
    assert outside.read_bytes() == OTHER
