#!/usr/bin/env python3
"""Writes the hand-written edge-case samples into resources/reports/edge/.

Everything here is hand-written (no tool produced it); the byte-level files
(BOM, Latin-1, UTF-16, empty, truncated, CRLF) are written from Python so the
exact bytes are reproducible.
"""
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "reports", "edge")


def write(name, data):
    path = os.path.join(OUT, name)
    if isinstance(data, str):
        data = data.encode("utf-8")
    with open(path, "wb") as fh:
        fh.write(data)
    print(f"{name}: {len(data)} bytes")


NO_CLASSNAME = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="no-classname" tests="4" failures="1" errors="0" skipped="1">
  <testcase name="passes without classname" time="0.001"/>
  <testcase name="fails without classname" time="0.002">
    <failure message="boom">trace</failure>
  </testcase>
  <testcase classname="" name="empty classname" time="0.003">
    <skipped/>
  </testcase>
  <testcase classname="com.example.HasClassname" name="has classname" time="0.004"/>
</testsuite>
"""

ODD_TIMES = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites time="1,234.5">
  <testsuite name="odd-times" tests="10" failures="0" errors="0" skipped="0" time="abc">
    <testcase classname="odd.Times" name="thousands separator" time="1,234.5"/>
    <testcase classname="odd.Times" name="empty time" time=""/>
    <testcase classname="odd.Times" name="not a number" time="abc"/>
    <testcase classname="odd.Times" name="unit suffix" time="1.5s"/>
    <testcase classname="odd.Times" name="missing time"/>
    <testcase classname="odd.Times" name="negative" time="-1"/>
    <testcase classname="odd.Times" name="exponent" time="1e3"/>
    <testcase classname="odd.Times" name="nan" time="NaN"/>
    <testcase classname="odd.Times" name="comma decimal" time="0,25"/>
    <testcase classname="odd.Times" name="padded" time=" 0.5 "/>
  </testsuite>
</testsuites>
"""

MULTIPLE_FAILURES = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="multiple-failures" tests="5" failures="3" errors="1" skipped="0">
  <testcase classname="multi.Failures" name="three failures" time="0.010">
    <failure message="first" type="java.lang.AssertionError">first failure</failure>
    <failure message="second" type="java.lang.AssertionError">second failure</failure>
    <failure message="third" type="java.lang.IllegalStateException">third failure</failure>
  </testcase>
  <testcase classname="multi.Failures" name="failure then error" time="0.010">
    <failure message="assertion">assertion text</failure>
    <error message="teardown" type="java.io.IOException">teardown error</error>
  </testcase>
  <testcase classname="multi.Failures" name="skipped and failure" time="0.010">
    <skipped message="was skipped"/>
    <failure message="but also failed"/>
  </testcase>
  <testcase classname="multi.Failures" name="failure without message or type" time="0.001">
    <failure/>
  </testcase>
  <testcase classname="multi.Failures" name="passes" time="0.001"/>
</testsuite>
"""

SKIPPED_VARIANTS = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="skipped-variants" tests="5" failures="0" errors="0" skipped="4">
  <testcase classname="skip.Variants" name="bare skipped" time="0">
    <skipped/>
  </testcase>
  <testcase classname="skip.Variants" name="skipped with message" time="0">
    <skipped message="why"/>
  </testcase>
  <testcase classname="skip.Variants" name="skipped with body" time="0">
    <skipped>reason in the element body</skipped>
  </testcase>
  <testcase classname="skip.Variants" name="skipped with message, type and CDATA body" time="0">
    <skipped message="m" type="pytest.skip"><![CDATA[/src/test_x.py:12: <reason> & more]]></skipped>
  </testcase>
  <testcase classname="skip.Variants" name="not skipped" time="0"/>
</testsuite>
"""

CDATA_FAILURE = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="cdata-failure" tests="4" failures="3" errors="1" skipped="0">
  <testcase classname="cdata.Failure" name="plain CDATA" time="0.001">
    <failure message="expected &lt;1&gt; but was &lt;2&gt;" type="AssertionError"><![CDATA[AssertionError: expected <1> but was <2>
	at cdata.Failure.plain(Failure.java:10)
]]></failure>
  </testcase>
  <testcase classname="cdata.Failure" name="CDATA containing ]]&gt; split in two sections" time="0.001">
    <failure message="contains ]]&gt;"><![CDATA[before ]]]]><![CDATA[> after]]></failure>
  </testcase>
  <testcase classname="cdata.Failure" name="mixed text, entities and CDATA" time="0.001">
    <failure message="mixed">text &amp; entity <![CDATA[<cdata & raw>]]> tail &#x263A;</failure>
  </testcase>
  <testcase classname="cdata.Failure" name="error with multi-line message attribute" time="0.001">
    <error message="line one&#10;line two&#13;&#10;line three&#9;tabbed" type="java.lang.RuntimeException"><![CDATA[]]></error>
  </testcase>
</testsuite>
"""

SYSTEM_OUT_LEVELS = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites>
  <testsuite name="system-out-levels" tests="3" failures="1" errors="0" skipped="0">
    <properties>
      <property name="env" value="ci"/>
      <property name="empty"/>
    </properties>
    <testcase classname="out.Levels" name="case with out and err" time="0.001">
      <system-out>case stdout line 1
case stdout line 2</system-out>
      <system-err><![CDATA[case stderr <with markup> & ampersand]]></system-err>
    </testcase>
    <testcase classname="out.Levels" name="case with two system-out elements" time="0.001">
      <system-out><![CDATA[first block]]></system-out>
      <system-out><![CDATA[second block]]></system-out>
      <system-err/>
    </testcase>
    <testcase classname="out.Levels" name="failure after output" time="0.001">
      <system-out>output before the failure element</system-out>
      <failure message="late failure">failure after system-out</failure>
    </testcase>
    <system-out><![CDATA[suite-level stdout
]]></system-out>
    <system-err><![CDATA[suite-level stderr
]]></system-err>
  </testsuite>
  <system-out>testsuites-level stdout (unusual)</system-out>
</testsuites>
"""

NESTED_SUITES = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="nested" tests="6" failures="2" errors="0" skipped="1">
  <testsuite name="outer" tests="6" failures="2" errors="0" skipped="1">
    <testcase classname="outer" name="outer case" time="0.001"/>
    <testsuite name="outer.middle" tests="4" failures="1" errors="0" skipped="1">
      <testcase classname="outer.middle" name="middle case passes" time="0.001"/>
      <testcase classname="outer.middle" name="middle case fails" time="0.001">
        <failure message="middle failed"/>
      </testcase>
      <testsuite name="outer.middle.inner" tests="2" failures="0" errors="0" skipped="1">
        <testcase classname="outer.middle.inner" name="inner skipped" time="0">
          <skipped/>
        </testcase>
        <testcase classname="outer.middle.inner" name="inner passes" time="0.001"/>
      </testsuite>
    </testsuite>
    <testcase classname="outer" name="outer case after nested suite fails" time="0.001">
      <failure message="outer failed"/>
    </testcase>
  </testsuite>
</testsuites>
"""

UNKNOWN_CHILDREN = """<?xml version="1.0" encoding="UTF-8"?>
<!-- comment before the root element -->
<?some-processing-instruction data?>
<testsuite name="unknown-children" tests="4" failures="0" errors="0" skipped="0">
  <testcase classname="unknown.Children" name="with properties (pytest record_property / Jenkins attachments)" time="0.001">
    <properties>
      <property name="attachment" value="screenshots/login.png"/>
      <property name="owner" value="team-a"/>
    </properties>
  </testcase>
  <testcase classname="unknown.Children" name="old go-junit-report pass element" time="0.001">
    <pass message="Pass"></pass>
  </testcase>
  <testcase classname="unknown.Children" name="TestNG JUnitXMLReporter ignored element" time="0">
    <ignored/>
  </testcase>
  <testcase classname="unknown.Children" name="vendor extension element" time="0.001">
    <x-vendor:data xmlns:x-vendor="urn:example:vendor" level="3">payload</x-vendor:data>
  </testcase>
  <!-- trailing comment inside suite -->
</testsuite>
<!-- comment after the root element -->
"""

NO_DECLARATION = """
  <testsuite name="no-declaration" tests="2" failures="1">
  <testcase classname="no.Decl" name="a" time="0.1"/>
  <testcase classname="no.Decl" name="b" time="0.2"><failure message="b failed"/></testcase>
</testsuite>"""

NO_TESTS = """<?xml version="1.0" encoding="UTF-8"?>
<testsuites tests="0" failures="0" errors="0">
  <testsuite name="empty-suite" tests="0" failures="0" errors="0" skipped="0" time="0"/>
  <testsuite name="another-empty-suite"></testsuite>
</testsuites>
"""

UNICODE_NAMES = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="unicode-names ✓" tests="6" failures="1" errors="0" skipped="0">
  <testcase classname="unicode.Names" name="emoji 😀 outside the BMP" time="0.001"/>
  <testcase classname="unicode.Names" name="emoji via char ref &#x1F680;" time="0.001"/>
  <testcase classname="unicode.Names" name="中文测试名" time="0.001"/>
  <testcase classname="unicode.Names" name="עברית RTL" time="0.001"/>
  <testcase classname="unicode.Names" name="combining e&#x301; vs precomposed é" time="0.001"/>
  <testcase classname="unicode.Names" name="failure message with ümlauts" time="0.001">
    <failure message="erwartet: &lt;Größe&gt;">Größe ≠ Grösse</failure>
  </testcase>
</testsuite>
"""

CRLF = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<testsuite name=\"crlf\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\">\n"
        "  <testcase classname=\"win.Crlf\" name=\"passes\" time=\"0.001\"/>\n"
        "  <testcase classname=\"win.Crlf\" name=\"fails\" time=\"0.001\">\n"
        "    <failure message=\"line1&#13;&#10;line2\">trace line 1\n"
        "trace line 2\n"
        "</failure>\n"
        "  </testcase>\n"
        "</testsuite>\n").replace("\n", "\r\n")

BOM_UTF8 = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="bom-utf8" tests="2" failures="1" errors="0" skipped="0">
  <testcase classname="bom.Utf8" name="passes" time="0.001"/>
  <testcase classname="bom.Utf8" name="fails with ünïcödé" time="0.001">
    <failure message="BOM file failure">the file starts with EF BB BF</failure>
  </testcase>
</testsuite>
"""

LATIN1 = """<?xml version="1.0" encoding="ISO-8859-1"?>
<testsuite name="latin1" tests="3" failures="1" errors="0" skipped="1">
  <testcase classname="latin1.Encoding" name="caf\u00e9 au lait" time="0.001"/>
  <testcase classname="latin1.Encoding" name="r\u00e9sum\u00e9 fails" time="0.001">
    <failure message="attendu: \u00ab oui \u00bb">\u00e9chec: caract\u00e8re \u00e9 encod\u00e9 en 0xE9</failure>
  </testcase>
  <testcase classname="latin1.Encoding" name="na\u00efve skipped" time="0">
    <skipped message="\u00a7 skipped"/>
  </testcase>
</testsuite>
"""

UTF16 = """<?xml version="1.0" encoding="UTF-16"?>
<testsuite name="utf16" tests="3" failures="1" errors="1" skipped="0">
  <testcase classname="utf16.Encoding" name="passes \u00e9\u4e2d" time="0.001"/>
  <testcase classname="utf16.Encoding" name="fails" time="0.002">
    <failure message="utf-16 failure">trace \U0001F600</failure>
  </testcase>
  <testcase classname="utf16.Encoding" name="errors" time="0.003">
    <error message="utf-16 error" type="java.lang.RuntimeException"/>
  </testcase>
</testsuite>
"""

# A surefire-like report cut in the middle of a <testcase> start tag (inside an attribute value).
TRUNCATED_FULL = """<?xml version="1.0" encoding="UTF-8"?>
<testsuite name="truncated" tests="3" failures="1" errors="0" skipped="0" time="0.010">
  <testcase name="first" classname="trunc.Cated" time="0.001"/>
  <testcase name="second" classname="trunc.Cated" time="0.002">
    <failure message="failed" type="java.lang.AssertionError"><![CDATA[java.lang.AssertionError: failed
	at trunc.Cated.second(Cated.java:10)
]]></failure>
  </testcase>
  <testcase name="third" classname="trunc.Cated" time="0.003"/>
</testsuite>
"""


def main():
    os.makedirs(OUT, exist_ok=True)
    write("no-classname.xml", NO_CLASSNAME)
    write("odd-times.xml", ODD_TIMES)
    write("multiple-failures.xml", MULTIPLE_FAILURES)
    write("skipped-variants.xml", SKIPPED_VARIANTS)
    write("cdata-failure.xml", CDATA_FAILURE)
    write("system-out-levels.xml", SYSTEM_OUT_LEVELS)
    write("nested-suites.xml", NESTED_SUITES)
    write("unknown-children.xml", UNKNOWN_CHILDREN)
    write("no-declaration.xml", NO_DECLARATION)
    write("no-tests.xml", NO_TESTS)
    write("unicode-names.xml", UNICODE_NAMES)
    write("crlf.xml", CRLF)
    write("bom-utf8.xml", b"\xef\xbb\xbf" + BOM_UTF8.encode("utf-8"))
    write("latin1.xml", LATIN1.encode("iso-8859-1"))
    # Python's "utf-16" codec writes a BOM (little-endian on this machine); be explicit.
    write("utf16.xml", b"\xff\xfe" + UTF16.encode("utf-16-le"))
    write("empty.xml", b"")
    cut = TRUNCATED_FULL.index('name="third" classname="trunc.') + len('name="third" classname="trunc.')
    write("truncated.xml", TRUNCATED_FULL[:cut])
    return 0


if __name__ == "__main__":
    sys.exit(main())
