"""`python -m prp_agent`."""

from prp_agent.cli import main

main()
