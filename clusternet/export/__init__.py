"""Writing results out: safe for spreadsheets, atomic on disk."""
