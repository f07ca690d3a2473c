"""Entry point for `python -m preprocess`: `review ...` goes to the review log's CLI, everything else to the build."""
import sys

if sys.argv[1:2] == ["review"]:
    from preprocess.review.cli import main as review_main

    sys.exit(review_main(sys.argv[2:]))

from preprocess.build import main  # noqa: E402

sys.exit(main())
