"""Secrets never leave the machine: which files are never read (`patterns.is_sensitive_path`), env var names without
values, provider token formats, and the one redaction applied to descriptions, issues, instructions and repository
text before anything is sent or stored (`redaction`). Pure functions over strings; imports nothing of prp-agent.
"""
