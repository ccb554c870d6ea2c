"""``python -m awesome_tools`` runs the same CLI as the ``awesome-tools`` script."""
from awesome_tools.cli import entry

if __name__ == "__main__":
    entry()
