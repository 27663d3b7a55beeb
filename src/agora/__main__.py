"""``python -m agora`` runs the ``agora`` command."""

from agora.cli import main

if __name__ == "__main__":  # not when a worker process re-imports this module
    main()
