"""Signals other apps listen to. Both are sent INSIDE the writing service's transaction, after its
audit event: a receiver's writes commit or roll back with the incident (a receiver that raises
makes the recording fail, so receivers must only raise for real defects).

- ``incident_recorded(sender, incident, actor)``: after an incident is recorded (the case-review
  app prompts staff on a victim's second report within 6 months).
- ``incident_added_to_case(sender, case, incident, actor)``: when an incident joins a case that is
  already open (the risk app requires a re-assessment). Not sent for the incidents a case is
  opened from: those are the initial assessment's subject, not a change.
- ``case_closed(sender, case, actor)``: when a case is closed (the risk app cancels the automatic
  tasks that only make sense on an open case: re-assessing risk, referring to the high-risk panel).
"""

from __future__ import annotations

from django.dispatch import Signal

incident_recorded = Signal()
incident_added_to_case = Signal()
case_closed = Signal()
