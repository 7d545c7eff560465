#!/usr/bin/python3
"""Writes testdata/expected.json: what Python's feedparser reads from each corpus file.

CI has no feedparser, so the output is committed; rerun after adding a corpus file:
    apt-get install python3-feedparser && /usr/bin/python3 expected.py
Also writes ../Dates/testdata/date_forms.json: feedparser's reading of each date form in date_forms.txt.
Per file: the item count and, per item, title, link and date (published, else updated) as UTC ISO 8601,
null where feedparser found none.
"""
import calendar
import datetime
import json
import os

import feedparser
from feedparser.datetimes import _parse_date

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, 'testdata')
DATES = os.path.join(HERE, '..', 'Dates', 'testdata')


def utc_iso(parsed):
    if parsed is None:
        return None
    stamp = calendar.timegm(parsed)
    return datetime.datetime.fromtimestamp(stamp, datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ')


def main():
    result = {'feedparser': feedparser.__version__, 'files': {}}
    for name in sorted(os.listdir(DATA)):
        if name == 'expected.json':
            continue
        with open(os.path.join(DATA, name), 'rb') as handle:
            parsed = feedparser.parse(handle.read())
        result['files'][name] = {
            'bozo': bool(parsed.bozo),
            'count': len(parsed.entries),
            'items': [
                {
                    'title': entry.get('title'),
                    'link': entry.get('link'),
                    'date': utc_iso(entry.get('published_parsed') or entry.get('updated_parsed')),
                }
                for entry in parsed.entries
            ],
        }
    with open(os.path.join(DATA, 'expected.json'), 'w', encoding='utf-8', newline='\n') as out:
        json.dump(result, out, ensure_ascii=False, indent=1, sort_keys=True)
        out.write('\n')


def dates():
    """Dates/testdata/date_forms.json: feedparser's reading of each line of date_forms.txt, UTC ISO 8601 or null."""
    with open(os.path.join(DATES, 'date_forms.txt'), encoding='utf-8') as handle:
        forms = [line.rstrip('\n') for line in handle if line.strip()]
    result = {form: utc_iso(_parse_date(form)) for form in forms}
    with open(os.path.join(DATES, 'date_forms.json'), 'w', encoding='utf-8', newline='\n') as out:
        json.dump(result, out, ensure_ascii=False, indent=1)
        out.write('\n')


if __name__ == '__main__':
    main()
    dates()
