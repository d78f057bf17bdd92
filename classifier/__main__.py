"""``python -m classifier``: the command line."""

from .cli import main

main(prog_name="classifier")
