"""Command bodies too long for cli.py; each returns an exit code and prints only its output."""
