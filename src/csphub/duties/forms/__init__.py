"""Forms of the duty registers, one module per register."""
