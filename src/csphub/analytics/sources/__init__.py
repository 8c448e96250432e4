"""Readers for external data sources; each maps its source's columns once, here."""
