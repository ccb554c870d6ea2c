"""``python -m awesome_tools`` runs the same CLI as the ``awesome-tools`` script."""
from .cli import main

if __name__ == "__main__":
    main(prog_name="awesome-tools")
