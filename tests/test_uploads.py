"""Uploads: unsafe names, zip tricks and oversized files are refused with a reason; saving never overwrites a different file."""
from __future__ import annotations

import io
import stat
import tracemalloc
import zipfile

import pytest

from preprocess.uploads import AcceptedFile, check_uploads, safe_name, save_accepted
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
