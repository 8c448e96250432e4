"""Writes to the duty registers: each checks ``actor.policy`` and audits in the same transaction."""
