"""Field forms: an XLSForm made from a survey's roster, and its KoboToolbox or ODK Central submissions
turned back into a survey (docs/field-forms.md)."""
