"""Streamlit-facing building blocks of the Rasid app, one concern per module."""
