"""A projected case as tidy tables (the CSV contracts), and what the tables say about options.

* ``frames.py``    ``project_case``: ``Results`` with projection, summary, one-off costs, workforce
                   and warnings tables
* ``outcomes.py``  each scenario's outcome for a council or the partnership, and which scenarios are
                   options, baselines or comparisons (read by the words, tables and risk focus)
"""
from .frames import Results, project_case

__all__ = ["Results", "project_case"]
