"""The demonstration data set: agencies, personas, agreements, and each app's demo records.

Not part of the platform: nothing in ``src/`` imports it except the ``csphub demo`` command (and the
tests and benchmarks, which load the same personas). It may import any app.
"""
