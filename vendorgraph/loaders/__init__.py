"""Loaders: article text to model records (entities, quotes, relations, quantities)."""
