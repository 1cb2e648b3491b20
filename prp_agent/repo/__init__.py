"""Repository grounding: scan a code base, read its stack facts with evidence, pack secret-free context."""
