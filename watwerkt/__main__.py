"""Run the command line as ``python -m watwerkt``."""

from watwerkt.cli import main

main(prog_name="watwerkt")
