"""Every read of the duty registers goes through the policy (``actor.policy``)."""
