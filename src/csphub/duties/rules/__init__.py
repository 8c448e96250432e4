"""Pure rules of the statutory-duty registers: clocks and gates, one module per register (no Django)."""
