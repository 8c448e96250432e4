"""The register of information sharing agreements (ISAs): record one, review it, end it.

An agreement decides what crosses between agencies and partnerships (agencies.policies): a record is
shared only under an agreement in force that names both parties, and one not reviewed by its review
date lapses. Until this register, agreements came only from the demo; a data protection lead now
keeps them in the app.
"""
