"""The progress bar: drawn on a terminal, silent when stderr is not one or with --quiet."""

from __future__ import annotations

import io
import sys

from libyapk_summ._progress import Progress
from libyapk_summ.cli import main

from .conftest import SEEDS


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def brief(tmp_path, *extra: str) -> None:
    args = ["brief", str(SEEDS[0]), str(SEEDS[1]), "--out", str(tmp_path), "--mode", "replay", "--no-cache"]
    assert main([*args, *extra]) == 0


def test_the_bar_is_drawn_on_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    bar = Progress(2)
    bar.advance("001")
    bar.close()
    assert sys.stderr.getvalue().startswith("\r[") and "1/2" in sys.stderr.getvalue()


def test_nothing_is_drawn_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    bar = Progress(2)
    bar.advance("001")
    bar.close()
    assert sys.stderr.getvalue() == ""


def test_the_cli_draws_the_bar_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    brief(tmp_path)
    assert "\r[" in sys.stderr.getvalue()


def test_quiet_draws_no_bar_even_on_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", Terminal())
    brief(tmp_path, "--quiet")
    assert "\r" not in sys.stderr.getvalue()


def test_the_cli_draws_no_bar_when_stderr_is_not_a_terminal(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    brief(tmp_path)
    assert "\r" not in sys.stderr.getvalue() and "report(s) →" in sys.stderr.getvalue()
