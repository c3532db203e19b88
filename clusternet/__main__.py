"""``python -m clusternet`` runs the command line."""

from clusternet.cli import main

raise SystemExit(main())
