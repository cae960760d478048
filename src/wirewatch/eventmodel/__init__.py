"""The trained event model: a labelled corpus, a sentence encoder and a classifier head (issue #13)."""
