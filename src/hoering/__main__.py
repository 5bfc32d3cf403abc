"""`python -m hoering` runs the command line."""

from .cli import main

main()
