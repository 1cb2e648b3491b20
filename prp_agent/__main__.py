"""`python -m prp_agent`."""

from .cli import main

main()
