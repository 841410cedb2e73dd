"""A mistyped command line is answered in Vietnamese, in one line that says what is wrong
and where to read more, with exit status 2 (argparse's own words are translated too:
the usage line and the help's headings)."""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from desktop_app import cli
from desktop_app.core.i18n import catalog

# argparse's own English, as it would print it
ENGLISH = re.compile(r"usage|error|required|invalid choice|unrecognized|arguments?\b|expected|choose from|options")


def usage_error(capsys, argv) -> str:
    with pytest.raises(SystemExit) as stopped:
        cli.main(argv)
    assert stopped.value.code == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1, captured.err
    assert not ENGLISH.search(lines[0].lower()), lines[0]
    return lines[0]


def test_a_missing_argument_is_one_vietnamese_line(capsys):
    said = usage_error(capsys, ["set", "ws.tiendo"])
    assert said == "tiendo set: lỗi: thiếu tham số bắt buộc: --year (xem “tiendo set --help”)"


def test_no_command_at_all(capsys):
    assert usage_error(capsys, []) == "tiendo: lỗi: thiếu tham số bắt buộc: LỆNH (xem “tiendo --help”)"


def test_an_unknown_command_is_named_with_the_closest_one_not_the_whole_list(capsys):
    assert usage_error(capsys, ["frob"]) == "tiendo: lỗi: không có lệnh “frob” (xem “tiendo --help”)"
    said = usage_error(capsys, ["improt"])
    assert "không có lệnh “improt”" in said and "(có phải lệnh “import”?)" in said


def test_unrecognized_arguments_a_bad_number_and_a_missing_value(capsys):
    assert "không hiểu tham số: --zzz" in usage_error(capsys, ["plans", "--zzz"])
    assert "tham số --year: giá trị không hợp lệ: 'abc'" in usage_error(capsys, ["set", "ws.tiendo", "--year", "abc"])
    assert "tham số --lang: cần một giá trị" in usage_error(capsys, ["--lang"])


def test_the_help_speaks_vietnamese_to_its_headings(capsys):
    with pytest.raises(SystemExit):
        cli.main(["set", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("cách dùng: tiendo set [-h] --year YEAR")
    assert "tùy chọn:" in out and "hiện phần trợ giúp này rồi thoát" in out
    assert "usage" not in out and "show this help" not in out and "options:" not in out


def test_english_on_demand_and_argparse_is_left_as_it_was_for_anyone_else(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--lang", "en", "set"])
    assert "tiendo set: error: the following arguments are required: --year" in capsys.readouterr().err
    assert argparse.ArgumentParser(prog="other").format_usage().startswith("usage: other")


def test_argparse_messages_keep_their_placeholders():
    vietnamese = catalog("vi")
    for message in cli.ARGPARSE_MESSAGES:
        names = dict.fromkeys(re.findall(r"%\((\w+)\)", message), "x")
        translated = vietnamese[message]
        if names:
            assert "%(value)r" not in message or "%(value)r" in translated, message
            translated % names  # every name it uses is one argparse gives
        else:
            assert translated.count("%") == message.count("%"), message


def test_as_a_user_runs_it(tmp_path):
    result = subprocess.run([sys.executable, "-m", "desktop_app.cli", "improt"], capture_output=True, text=True,
                            cwd=tmp_path, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert result.returncode == 2
    assert result.stderr.strip() == "tiendo: lỗi: không có lệnh “improt” (có phải lệnh “import”?) (xem “tiendo --help”)"
