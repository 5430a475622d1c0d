# Import error at collection time -> reported as an <error> testcase by pytest's junitxml.
import module_that_does_not_exist  # noqa: F401


def test_never_collected():
    pass
