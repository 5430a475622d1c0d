import logging
import sys

import pytest


def test_passes():
    assert 1 + 1 == 2


def test_fails():
    assert {"a": 1} == {"a": 2}, "dicts differ"


def test_raises_error():
    raise ValueError("unexpected <value> & stuff")


@pytest.fixture
def broken_fixture():
    raise RuntimeError("fixture setup exploded")


def test_fixture_error(broken_fixture):
    pass


@pytest.fixture
def bad_teardown():
    yield
    raise RuntimeError("teardown exploded")


def test_teardown_error(bad_teardown):
    pass


def test_fails_and_teardown_error(bad_teardown):
    assert False, "call failed too"


@pytest.mark.skip(reason="not implemented yet")
def test_skipped_marker():
    pass


def test_skipped_runtime():
    pytest.skip("skipped at runtime")


@pytest.mark.xfail(reason="known bug #42")
def test_xfail():
    assert False


@pytest.mark.xfail(reason="expected to fail but passes")
def test_xpass():
    assert True


@pytest.mark.xfail(strict=True, reason="strict xfail")
def test_xpass_strict():
    assert True


def test_captured_output():
    print("captured stdout line")
    print("captured stderr line", file=sys.stderr)
    logging.getLogger("sample").warning("a log warning")
    assert True


def test_output_then_fail():
    print("stdout before failure")
    assert 0, "failed after printing"


@pytest.mark.parametrize("value,expected", [(1, 2), (2, 4), (3, 7), ("é", "éé")])
def test_double(value, expected):
    assert value * 2 == expected


class TestGroup:
    def test_in_class(self):
        assert True

    def test_in_class_fails(self):
        assert [1, 2, 3] == [1, 2, 4]
