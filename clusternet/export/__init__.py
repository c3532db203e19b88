"""Writing results out, drawn from one view: files for every tool, safe for spreadsheets, atomic on disk."""
