"""The PRP file format, owned in one place: the grammar (alerts, markers, NEEDS INPUT, guidance, escaping), the
renderer (results → markdown), the parser (markdown → sections and slot text), the typed sidecar, pair writes
(`store`) and where a new draft goes (`outputs`).
"""
