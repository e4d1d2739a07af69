"""Every .ics file of a built site, parsed by the icalendar package and checked byte by byte
against RFC 5545: CRLF line ends, lines of at most 75 octets that never split a UTF-8
character, a VTIMEZONE for Asia/Tokyo wherever a time refers to it, unique UIDs, DTSTAMP in
UTC. The session added by calendars.sh is checked field by field."""
import datetime
import pathlib
import sys

import icalendar

site = pathlib.Path(sys.argv[1])
files = sorted(site.rglob("*.ics"))
assert files, "no calendar in the site"
tokyo = datetime.timezone(datetime.timedelta(hours=9))
found = False
for path in files:
    raw = path.read_bytes()
    assert raw.endswith(b"\r\n"), path
    assert b"\n" not in raw.replace(b"\r\n", b""), f"{path}: a bare LF"
    for number, line in enumerate(raw.split(b"\r\n")[:-1], 1):
        assert len(line) <= 75, f"{path}:{number}: {len(line)} octets"
        line.decode("utf-8")  # raises if folding split a character
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar.get("PRODID"), path
    zones = [z["TZID"] for z in calendar.walk("VTIMEZONE")]
    uids = set()
    for event in calendar.walk("VEVENT"):
        uid = str(event["UID"])
        assert uid not in uids, f"{path}: UID {uid} twice"
        uids.add(uid)
        assert event["DTSTAMP"].dt.tzinfo is not None and event["DTSTAMP"].dt.utcoffset() == datetime.timedelta(0)
        start = event["DTSTART"]
        if isinstance(start.dt, datetime.datetime):
            assert start.params.get("TZID") == "Asia/Tokyo" and "Asia/Tokyo" in zones, f"{path}: {uid}"
            assert start.dt.utcoffset() == datetime.timedelta(hours=9), f"{path}: {uid}"
        else:
            assert isinstance(event["DTEND"].dt, datetime.date) and event["DTEND"].dt > start.dt, f"{path}: {uid}"
        assert str(event["SUMMARY"]).strip() and str(event["URL"]).startswith("https://"), f"{path}: {uid}"
        if uid == "ja/cafe/2030-06-test@japan.iclei.org":
            found = True
            assert str(event["SUMMARY"]) == "第1回イクレイカフェ; 脱炭素, 再エネと「地域」の長いタイトルで折り返しを確かめる"
            assert start.dt == datetime.datetime(2030, 6, 10, 15, 0, tzinfo=tokyo)
            assert event["DTEND"].dt == datetime.datetime(2030, 6, 10, 16, 30, tzinfo=tokyo)
            assert str(event["LOCATION"]) == "オンライン"
            assert str(event["URL"]) == "https://japan.iclei.org/ja/cafe/2030-06-test/"
assert found, "the added session is in no calendar"
events = sum(len(icalendar.Calendar.from_ical(p.read_bytes()).walk("VEVENT")) for p in files)
print(f"icalendar: {len(files)} calendars, {events} events, all valid")
