"""The theme's own filters say what Django's would."""

import datetime

import pytest
from django.template.defaultfilters import date
from django.utils.timezone import template_localtime

from greatleaders.theme import _FORMATS, local_date

MOMENTS = [
    datetime.datetime(1956, 2, 25, 6, 5, tzinfo=datetime.UTC),
    datetime.datetime(2016, 12, 31, 23, 59, 59, 123456, tzinfo=datetime.UTC),
    datetime.datetime(2026, 1, 1, 0, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=3))),
]  # fmt: skip


@pytest.mark.parametrize("moment", MOMENTS)
@pytest.mark.parametrize("format_string", list(_FORMATS))
def test_each_written_out_date_format_matches_djangos(settings, moment, format_string):
    settings.TIME_ZONE = "Europe/London"

    assert local_date(moment, format_string) == date(
        template_localtime(moment), format_string
    )


def test_other_date_formats_are_djangos(settings):
    moment = MOMENTS[0]

    assert local_date(moment, "D, j M Y") == "Sat, 25 Feb 1956"
