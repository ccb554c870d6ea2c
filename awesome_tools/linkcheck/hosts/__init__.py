"""Known hosts asked through their official APIs instead of their bot-walled pages."""
