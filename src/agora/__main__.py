"""``python -m agora`` runs the ``agora`` command."""

from agora.cli import main

main()
