"""Entry point for `python -m preprocess`."""
import sys

from preprocess.build import main

sys.exit(main())
