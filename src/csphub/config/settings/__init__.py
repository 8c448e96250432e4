"""Settings split: base (shared), local (make demo), test (pytest), production (deployments)."""
