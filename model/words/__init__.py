"""Everything the model writes in words: sentences, titles and the phrases they share.

The modules are imported by name (``from model.words import findings``).
"""
