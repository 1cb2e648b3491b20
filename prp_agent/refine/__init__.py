"""refine."""
