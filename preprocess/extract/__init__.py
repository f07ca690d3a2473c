"""Pure extraction, one article at a time: text in, rows of every table out (see article.extract_article)."""
from preprocess.extract.article import ArticleExtraction, extract_article

__all__ = ["ArticleExtraction", "extract_article"]
