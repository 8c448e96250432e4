"""CSP Hub: the open system a Community Safety Partnership runs its year on."""

__version__ = "0.1.0"
