"""Rasid preprocessing: Arabic news articles -> sourced tables."""
