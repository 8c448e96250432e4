"""Scrutiny of crime and disorder matters (Police and Justice Act 2006 s.19 and the Crime and Disorder
(Overview and Scrutiny) Regulations 2009, SI 2009/942): pure rules.

- s.19(1)-(2): the council's crime and disorder committee reviews the responsible authorities' crime and
  disorder functions and may make reports or recommendations, a copy of which goes to each responsible
  authority and co-operating body.
- SI 2009/942 reg. 6 (as summarised in the Home Office guidance for scrutiny of crime and disorder
  matters): an authority to which a report or recommendations are sent must consider them, respond in
  writing to the committee within 28 days of receiving them, and have regard to them. The period here
  is 28 days beginning with the day they were received (so the 28th day is the last day on time); the
  exact wording was not seen in the regulation's text during research, so the number lives in
  ``RESPONSE_DAYS`` with the rule version.
"""

from __future__ import annotations

import datetime as dt

from csphub.core.calendar import day_period_last_day

RULE_VERSION = "pja2006-s19/si2009-942-reg6"
RESPONSE_DAYS = 28


def response_due(received_on: dt.date) -> dt.date:
    """The last day for the partnership's written response to a committee recommendation."""
    return day_period_last_day(received_on, days=RESPONSE_DAYS)


def response_late(received_on: dt.date, responded_on: dt.date) -> bool:
    return responded_on > response_due(received_on)
